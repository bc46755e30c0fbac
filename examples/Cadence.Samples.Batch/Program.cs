using System.Globalization;
using Cadence.Samples.Batch;
using Spectre.Console;

// Numbers, dates and decisions print the same whatever the machine's culture.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

// Written to a file or a pipe, the report's lines are not cut at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

return await BatchApp.RunAsync(args, AnsiConsole.Console, Console.Error);
