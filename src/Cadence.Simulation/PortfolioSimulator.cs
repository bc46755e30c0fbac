namespace Cadence.Simulation;

/// <summary>
/// Runs a policy, or an experiment's variants, over a portfolio in a closed loop: every decision is applied at its
/// not-before instant, outcomes are drawn from a seeded <see cref="OutcomeModel"/>, appended to the history, and the
/// account is evaluated again. Deterministic for a seed.
/// </summary>
public sealed class PortfolioSimulator
{
    private readonly ICadenceEngine engine;

    /// <summary>Simulates with any engine (a <see cref="CadenceEngine"/> or an <see cref="ExperimentEngine"/>).</summary>
    /// <param name="engine">The engine.</param>
    public PortfolioSimulator(ICadenceEngine engine) => this.engine = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>Simulates one policy.</summary>
    /// <param name="policy">The policy.</param>
    public PortfolioSimulator(CadencePolicy policy)
        : this(new CadenceEngine(policy))
    {
    }

    /// <summary>Simulates an experiment, each account under its variant.</summary>
    /// <param name="experiment">The experiment.</param>
    public PortfolioSimulator(Experiment experiment)
        : this(new ExperimentEngine(experiment))
    {
    }

    /// <summary>Runs the simulation.</summary>
    /// <param name="portfolio">The accounts at the start.</param>
    /// <param name="options">The period, step, seed and outcome model.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The contact log, the statistics and what the compliance checker found.</returns>
    public SimulationResult Run(IReadOnlyList<BorrowerState> portfolio, SimulationOptions options, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
