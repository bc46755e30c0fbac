using System.Globalization;
using System.Text;
using Cadence.Testing;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Tests.Support;

/// <summary>A generated policy, a person of that policy and the instant they are evaluated at; printed in full when a property fails.</summary>
public sealed record PersonScenario(CadencePolicy Policy, Person Person, Instant Now)
{
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append("now = ").Append(InstantPattern.ExtendedIso.Format(Now)).AppendLine();
        s.Append(Describe.Policy(Policy));
        foreach (var cap in Policy.Caps)
        {
            s.Append(CultureInfo.InvariantCulture, $"  cap {cap.Name}: scope {cap.Scope}, kinds [{string.Join(",", cap.ContactPointKinds)}]").AppendLine();
        }

        foreach (var cooldown in Policy.Cooldowns)
        {
            s.Append(CultureInfo.InvariantCulture, $"  cooldown {cooldown.Name}: scope {cooldown.Scope}").AppendLine();
        }

        foreach (var step in Policy.Steps)
        {
            s.Append(CultureInfo.InvariantCulture, $"  step {step.Id}: bundle {step.Bundle}").AppendLine();
        }

        s.Append(PersonText(Person));
        return s.ToString();
    }

    public static string PersonText(Person p)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"person {p.PersonId} zones [{string.Join(", ", p.TimeZoneIds)}]").AppendLine();
        foreach (var h in p.Holds)
        {
            s.Append(CultureInfo.InvariantCulture, $"  person hold {Hold(h)}").AppendLine();
        }

        foreach (var a in p.Accounts)
        {
            s.Append(CultureInfo.InvariantCulture, $"  account {a.AccountId}: due {a.DueDate?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? "-"} amount {a.AmountDue.Amount} {a.AmountDue.Currency} autopay {a.Autopay}")
                .Append(a.Holds.IsEmpty ? string.Empty : " holds " + string.Join("; ", a.Holds.Select(Hold))).AppendLine();
        }

        foreach (var c in p.ContactPoints)
        {
            s.Append(CultureInfo.InvariantCulture, $"  point {c.Id} {c.Channel} {c.Kind}{(c.OptedOut ? " opted-out" : string.Empty)}{(c.ConsentGiven ? string.Empty : " no-consent")}{(c.IsWorkplace ? " workplace" : string.Empty)}{(c.UpdatedAt is { } u ? " updated " + Iso(u) : string.Empty)}").AppendLine();
        }

        foreach (var h in p.History.OrderBy(h => h.At))
        {
            s.Append(CultureInfo.InvariantCulture, $"  attempt {Iso(h.At)} {h.Channel} {h.Direction} {h.Outcome} point {h.ContactPointId ?? "-"} accounts [{string.Join(",", h.AccountIds)}] step {h.StepId ?? "-"}").AppendLine();
        }

        return s.ToString();
    }

    private static string Hold(Hold h) => $"{h.Kind} [{Iso(h.From)}, {(h.Until is { } u ? Iso(u) : "open")}){(h.PromisedDate is { } d ? " promised " + d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}";

    private static string Iso(Instant i) => InstantPattern.ExtendedIso.Format(i);
}
