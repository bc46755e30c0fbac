using System.CommandLine;
using Cadence.Json;
using Cadence.Jurisdictions;

namespace Cadence.Cli;

/// <summary><c>cadence packs</c> lists the built-in jurisdiction packs; <c>cadence packs show &lt;id&gt;</c> prints one as a policy file.</summary>
internal static class PacksCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The pack's id." }.AcceptOnlyFromAmong([.. JurisdictionPacks.Ids]);
        var holidays = new Option<FileInfo>("--holidays") { Description = "A holiday calendar file, for packs whose hours depend on public holidays (ru-230-fz).", HelpName = "file" }.AcceptExistingOnly();
        var show = new Command("show", "Prints a built-in jurisdiction pack as a policy file, every rule spelled out.") { id, holidays };
        show.SetAction(parsed => Show(parsed.GetRequiredValue(id), parsed.GetValue(holidays), parsed.InvocationConfiguration));

        var packs = new Command("packs", "Lists the built-in jurisdiction packs a policy file can name under 'packs'.") { show };
        packs.SetAction(parsed =>
        {
            foreach (var pack in JurisdictionPacks.Ids)
            {
                parsed.InvocationConfiguration.Output.WriteLine(pack);
            }
        });
        return packs;
    }

    private static int Show(string id, FileInfo? holidaysFile, InvocationConfiguration console)
    {
        HolidayCalendar? holidays = null;
        if (holidaysFile is not null)
        {
            if (!CliApp.TryRead(holidaysFile, console.Error, () => HolidayCalendarJson.Read(File.ReadAllBytes(holidaysFile.FullName)), out var result))
            {
                return CliApp.Usage;
            }

            CliApp.PrintProblems(holidaysFile, result.Errors, console.Error);

            if ((holidays = result.Calendar) is null)
            {
                return CliApp.Invalid;
            }
        }

        CadencePolicy pack;
        try
        {
            pack = JurisdictionPacks.Create(id, holidays);
        }
        catch (PolicyValidationException e) when (holidays is null)
        {
            console.Error.WriteLine($"cadence: the pack '{id}' needs public holidays: give a holiday calendar file with --holidays ({string.Join("; ", e.Errors)})");
            return CliApp.Usage;
        }

        console.Output.Write(PolicyJson.Write(pack));
        return CliApp.Success;
    }
}
