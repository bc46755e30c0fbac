using System.Collections.Immutable;
using Cadence.Experiments;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>
/// Runs a policy, or an experiment's variants, over a portfolio in a closed loop: every decision is applied at its
/// not-before instant, outcomes are drawn from a seeded <see cref="OutcomeModel"/>, appended to the history, and the
/// account is evaluated again. Deterministic for a seed.
/// </summary>
/// <remarks>
/// <para>
/// The simulation's clock advances by <see cref="SimulationOptions.Step"/>. At every step it first applies what was
/// scheduled for that instant (payments, promised payments, borrowers calling back), then evaluates, as one batch at
/// that instant, the accounts due for review. A contact whose not-before instant falls within the step is made at that
/// instant; a later one is reviewed at the step before it. A wait or a suppression is reviewed at its review instant,
/// an account with nothing owed when a payment sets a new due date, and an error decision never again.
/// </para>
/// <para>
/// Borrowers' responses are drawn from one SplitMix64 stream per account, seeded by the run's seed and the account's
/// position, so the run does not depend on the order or the parallelism of evaluation. Scheduled events fall on steps of
/// the clock, so nothing happens to an account between the evaluation and the contact it decided.
/// </para>
/// </remarks>
public sealed class PortfolioSimulator
{
    private readonly ICadenceEngine engine;
    private readonly Experiment? experiment;

    /// <summary>Simulates with any engine (a <see cref="CadenceEngine"/> or an <see cref="ExperimentEngine"/>).</summary>
    /// <param name="engine">The engine.</param>
    public PortfolioSimulator(ICadenceEngine engine)
    {
        this.engine = engine ?? throw new ArgumentNullException(nameof(engine));
        experiment = (engine as ExperimentEngine)?.Experiment;
    }

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
    /// <exception cref="ArgumentException">The period is empty, the step is not positive, or an account is null.</exception>
    public SimulationResult Run(IReadOnlyList<BorrowerState> portfolio, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(options);
        if (options.End <= options.Start)
        {
            throw new ArgumentException($"The simulation ends ({options.End}) at or before its start ({options.Start}).", nameof(options));
        }

        if (options.Step <= Duration.Zero)
        {
            throw new ArgumentException($"The step ({options.Step}) is not positive.", nameof(options));
        }

        for (var i = 0; i < portfolio.Count; i++)
        {
            if (portfolio[i] is null)
            {
                throw new ArgumentException($"portfolio[{i}] is null.", nameof(portfolio));
            }
        }

        var run = new SimulationRun(this, portfolio, options);
        run.Execute(cancellationToken);
        var timelines = run.Timelines();
        var violations = options.CheckCompliance
            ? (experiment is not null ? new ComplianceChecker(experiment) : new ComplianceChecker(engine.Policy)).Check(timelines)
            : [];
        return new SimulationResult(options, timelines, run.Daily(), run.Summaries(timelines, violations), violations, run.Evaluations);
    }

    /// <summary>One account's simulated life: its state, what happened and what is scheduled.</summary>
    private sealed class Account(BorrowerState initial, string? variant, SeededRandom random)
    {
        public BorrowerState Initial { get; } = initial;

        public BorrowerState State { get; set; } = initial;

        public string? Variant { get; } = variant;

        public SeededRandom Random = random;

        public List<AccountEvent> Events { get; } = [];

        public SortedList<Instant, List<AccountEvent>> Scheduled { get; } = [];

        public Instant NextReview { get; set; }

        public DateTimeZone Zone { get; } = initial.TimeZoneIds.Select(id => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)).FirstOrDefault() ?? DateTimeZone.Utc;

        public void Schedule(AccountEvent e)
        {
            if (!Scheduled.TryGetValue(e.At, out var list))
            {
                Scheduled.Add(e.At, list = []);
            }

            list.Add(e);
        }
    }

    private sealed class SimulationRun
    {
        private readonly PortfolioSimulator simulator;
        private readonly SimulationOptions options;
        private readonly Account[] accounts;

        public SimulationRun(PortfolioSimulator simulator, IReadOnlyList<BorrowerState> portfolio, SimulationOptions options)
        {
            this.simulator = simulator;
            this.options = options;
            accounts = new Account[portfolio.Count];
            for (var i = 0; i < accounts.Length; i++)
            {
                var variant = simulator.experiment?.Assign(portfolio[i].AccountId ?? string.Empty).Name;
                accounts[i] = new Account(portfolio[i], variant, SeededRandom.For(options.Seed, i)) { NextReview = options.Start };
            }
        }

        public long Evaluations { get; private set; }

        private OutcomeModel Model => options.Outcomes;

        public void Execute(CancellationToken cancellationToken)
        {
            var due = new List<int>();
            var states = new List<BorrowerState>();
            for (var now = options.Start; now < options.End; now += options.Step)
            {
                cancellationToken.ThrowIfCancellationRequested();
                due.Clear();
                states.Clear();
                for (var i = 0; i < accounts.Length; i++)
                {
                    var account = accounts[i];
                    ApplyScheduled(account, now);
                    if (account.NextReview <= now)
                    {
                        due.Add(i);
                        states.Add(account.State);
                    }
                }

                if (due.Count == 0)
                {
                    continue;
                }

                var decisions = simulator.engine.EvaluateBatch(states, now, cancellationToken);
                Evaluations += decisions.Length;
                for (var k = 0; k < due.Count; k++)
                {
                    Follow(accounts[due[k]], decisions[k], now);
                }
            }
        }

        /// <summary>The first step of the clock at or after an instant.</summary>
        private Instant StepAtOrAfter(Instant instant)
        {
            if (instant <= options.Start)
            {
                return options.Start;
            }

            var steps = (instant - options.Start).BclCompatibleTicks / options.Step.BclCompatibleTicks;
            var at = options.Start + (options.Step * steps);
            return at < instant ? at + options.Step : at;
        }

        /// <summary>The last step of the clock at or before an instant.</summary>
        private Instant StepAtOrBefore(Instant instant)
        {
            var after = StepAtOrAfter(instant);
            return after == instant ? after : after - options.Step;
        }

        private void ApplyScheduled(Account account, Instant now)
        {
            while (account.Scheduled.Count > 0 && account.Scheduled.Keys[0] <= now)
            {
                foreach (var e in account.Scheduled.Values[0])
                {
                    Apply(account, e);
                }

                account.Scheduled.RemoveAt(0);
                account.NextReview = Instant.Min(account.NextReview, now);
            }
        }

        private static void Apply(Account account, AccountEvent e)
        {
            account.Events.Add(e);
            account.State = e switch
            {
                ContactMade c => account.State with { History = account.State.History.Add(c.Attempt) },
                HoldPlaced h => account.State with { Holds = account.State.Holds.Add(h.Hold) },
                PaymentMade p => account.State with { DueDate = p.NextDueDate },
                _ => account.State,
            };
        }

        private void Follow(Account account, Decision decision, Instant now)
        {
            switch (decision.Kind)
            {
                case DecisionKind.Contact or DecisionKind.Escalate when decision.NotBefore is { } notBefore:
                    if (notBefore >= options.End)
                    {
                        account.NextReview = Instant.MaxValue;
                    }
                    else if (notBefore < now + options.Step)
                    {
                        Contact(account, decision, notBefore, now);
                        account.NextReview = StepAtOrAfter(notBefore) == notBefore ? notBefore + options.Step : StepAtOrAfter(notBefore);
                    }
                    else
                    {
                        account.NextReview = StepAtOrBefore(notBefore);
                    }

                    break;
                case DecisionKind.Wait or DecisionKind.Suppressed:
                    account.NextReview = decision.ReviewAt is { } review
                        ? Instant.Max(StepAtOrAfter(review), now + options.Step)
                        : decision.Kind == DecisionKind.Wait ? now + Duration.FromDays(1) : Instant.MaxValue;
                    break;
                default:
                    // Nothing owed (a payment that sets a due date brings the account back), or an error: never again.
                    account.NextReview = Instant.MaxValue;
                    break;
            }
        }

        private void Contact(Account account, Decision decision, Instant at, Instant now)
        {
            var channel = decision.Channel ?? Channel.None;
            ref var random = ref account.Random;
            var response = Model.Channels.TryGetValue(channel, out var r) ? r : new ChannelResponse(1.0);
            var reached = random.Chance(response.Reached);
            var outcome = channel switch
            {
                Channel.None => ContactOutcome.Sent,
                Channel.Call or Channel.Visit => reached
                    ? random.Chance(response.Conversation) ? ContactOutcome.Conversation : ContactOutcome.WrongParty
                    : channel == Channel.Call && random.Chance(Model.Voicemail) ? ContactOutcome.Voicemail : ContactOutcome.NoAnswer,
                Channel.Letter => reached ? ContactOutcome.Delivered : ContactOutcome.Sent,
                _ => reached ? ContactOutcome.Delivered : random.Chance(0.5) ? ContactOutcome.Bounced : ContactOutcome.Failed,
            };
            Apply(account, new ContactMade(new ContactAttempt(at, channel, ContactDirection.Outbound, outcome, decision.Step?.Id), now, decision.LimitedContentVoicemail));
            if (channel == Channel.None || account.State.DueDate is null)
            {
                return;
            }

            var earliest = now + options.Step;
            if (outcome == ContactOutcome.Conversation && random.Chance(Model.PromiseToPay))
            {
                var promised = at.InZone(account.Zone).Date.PlusDays(Model.PromiseDays);
                Apply(account, new HoldPlaced(new Hold(HoldKind.PromiseToPay, at) { PromisedDate = promised }));
                if (random.Chance(Model.PromiseKept))
                {
                    var paidAt = Instant.Max(earliest, StepAtOrAfter(account.Zone.AtStartOfDay(promised).ToInstant() + Duration.FromHours(12)));
                    account.Schedule(Payment(account, paidAt));
                }
            }
            else if (reached && random.Chance(Model.PaymentAfterContact))
            {
                account.Schedule(Payment(account, Instant.Max(earliest, StepAtOrAfter(at + Duration.FromMinutes(random.Next(60, 72 * 60))))));
            }

            if (reached && random.Chance(Model.InboundCallBack))
            {
                var callBack = Instant.Max(earliest, StepAtOrAfter(at + Duration.FromMinutes(random.Next(30, 24 * 60))));
                account.Schedule(new ContactMade(new ContactAttempt(callBack, Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation)));
            }
        }

        /// <summary>A payment of the amount due; the next instalment falls due a month after the cleared one, after the payment.</summary>
        private static PaymentMade Payment(Account account, Instant at)
        {
            var today = at.InZone(account.Zone).Date;
            var next = account.State.DueDate ?? today;
            do
            {
                next = next.PlusMonths(1);
            }
            while (next <= today);

            return new PaymentMade(at, account.State.AmountDue, next);
        }

        public ImmutableArray<AccountTimeline> Timelines() => [.. accounts.Select(a => new AccountTimeline(a.Initial, [.. a.Events], a.Variant))];

        public ImmutableArray<DailyChannelCount> Daily()
            => [.. accounts
                .SelectMany(a => a.Events.OfType<ContactMade>().Where(c => c.Attempt.Direction == ContactDirection.Outbound).Select(c => (Date: c.At.InZone(options.ReportingZone).Date, a.Variant, c.Attempt.Channel)))
                .GroupBy(x => x)
                .Select(g => new DailyChannelCount(g.Key.Date, g.Key.Variant, g.Key.Channel, g.Count()))
                .OrderBy(d => d.Date).ThenBy(d => VariantOrder(d.Variant)).ThenBy(d => d.Channel)];

        private int VariantOrder(string? variant)
            => variant is null || simulator.experiment is null ? 0 : simulator.experiment.Variants.IndexOf(simulator.experiment[variant]);

        public ImmutableArray<VariantSummary> Summaries(ImmutableArray<AccountTimeline> timelines, ImmutableArray<ComplianceViolation> violations)
        {
            IEnumerable<string?> variants = simulator.experiment is { } e ? e.Variants.Select(v => (string?)v.Name) : [null];
            var violationsByAccount = violations.GroupBy(v => v.AccountId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return [.. variants.Select(variant =>
            {
                var mine = timelines.Where(t => t.Variant == variant).ToList();
                var contacts = mine.SelectMany(t => t.Events.OfType<ContactMade>()).ToList();
                var outbound = contacts.Where(c => c.Attempt.Direction == ContactDirection.Outbound);
                return new VariantSummary(
                    variant,
                    mine.Count,
                    outbound.GroupBy(c => c.Attempt.Channel).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
                    contacts.Count(c => c.Attempt.Outcome == ContactOutcome.Conversation),
                    mine.Sum(t => t.Events.OfType<HoldPlaced>().Count(h => h.Hold.Kind == HoldKind.PromiseToPay)),
                    mine.Sum(t => t.Events.OfType<PaymentMade>().Count()),
                    mine.Count(t => t.Events.OfType<PaymentMade>().Any()),
                    mine.Sum(t => violationsByAccount.GetValueOrDefault(t.AccountId)));
            })];
        }
    }
}
