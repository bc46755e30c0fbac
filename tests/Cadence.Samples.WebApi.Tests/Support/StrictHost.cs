using Microsoft.Extensions.DependencyInjection;
using NodaTime;

[assembly: AssemblyFixture(typeof(Cadence.Samples.WebApi.Tests.Support.StrictHost))]

namespace Cadence.Samples.WebApi.Tests.Support;

/// <summary>
/// The web API with small limits, to reach them with small bodies: chunks of 2 lines, lines of at most 1 000 bytes,
/// batches of at most 20 000 bytes, records of at most 2 000 bytes; and an engine that throws on the account
/// <see cref="FaultyEngine.FaultId"/>.
/// </summary>
public sealed class StrictHost() : DecisionApiHost(
    [
        "--Cadence:BatchChunkSize", "2",
        "--Cadence:MaxLineBytes", "1000",
        "--Cadence:MaxBatchBytes", "20000",
        "--Cadence:MaxRecordBytes", "2000",
    ],
    services => services.AddSingleton<ICadenceEngine>(sp => new FaultyEngine(sp.GetRequiredService<CadenceEngine>())));

/// <summary>An engine that decides as <paramref name="engine"/> does, but throws when asked about the account <see cref="FaultId"/>.</summary>
/// <param name="engine">The engine it decides with.</param>
internal sealed class FaultyEngine(ICadenceEngine engine) : ICadenceEngine
{
    /// <summary>The account id it throws on.</summary>
    public const string FaultId = "FAULT";

    public CadencePolicy Policy => engine.Policy;

    public string Description => engine.Description;

    public IClock? Clock => engine.Clock;

    public Decision Evaluate(BorrowerState account, Instant now)
        => account.AccountId == FaultId ? throw new InvalidOperationException("the engine broke") : engine.Evaluate(account, now);

    public void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        if (accounts.Any(a => a.AccountId == FaultId))
        {
            throw new InvalidOperationException("the engine broke");
        }

        engine.EvaluateBatch(accounts, destination, now, cancellationToken);
    }

    public Decision Evaluate(Person person, Instant now) => engine.Evaluate(person, now);

    public void EvaluateBatch(IReadOnlyList<Person> persons, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
        => engine.EvaluateBatch(persons, destination, now, cancellationToken);

    public ContactCheck Check(Person person, ProposedContact contact, Instant now) => engine.Check(person, contact, now);
}
