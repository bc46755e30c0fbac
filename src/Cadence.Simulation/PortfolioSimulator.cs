using System.Collections.Immutable;
using Cadence.Experiments;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>
/// Runs a policy, or an experiment's variants, over a portfolio of persons (or of accounts, each a person of one
/// account) in a closed loop: every decision is applied at its not-before instant on its contact point and about its
/// accounts, outcomes are drawn from a seeded <see cref="OutcomeModel"/>, appended to the shared history, and the person
/// is evaluated again. Deterministic for a seed.
/// </summary>
/// <remarks>
/// <para>
/// The simulation's clock advances by <see cref="SimulationOptions.Step"/>. At every step it first applies what was
/// scheduled for that instant (payments, promised payments, borrowers calling back), then evaluates, as one batch at
/// that instant, the persons due for review. A contact whose not-before instant falls within the step is made at that
/// instant; a later one is reviewed at the step before it. Escalations a decision lists for other accounts are taken
/// the same way. A wait or a suppression is reviewed at its review instant, a person with nothing owed when a payment
/// sets a new due date, and an error decision never again.
/// </para>
/// <para>
/// Outcomes are drawn per contact point: a person's first point of a channel answers at the channel's rates, a further
/// one may never answer (<see cref="OutcomeModel.UnreachablePoint"/>), so that exhaustion closes it. A conversation
/// about several accounts may bring a promise to pay, and a payment, on each of them.
/// </para>
/// <para>
/// Borrowers' responses are drawn from one SplitMix64 stream per person, seeded by the run's seed and the person's
/// position, so the run does not depend on the order or the parallelism of evaluation. Scheduled events fall on steps of
/// the clock, so nothing happens to a person between the evaluation and the contact it decided.
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

    /// <summary>Simulates an experiment, each person (all their accounts) under the variant of their id.</summary>
    /// <param name="experiment">The experiment.</param>
    public PortfolioSimulator(Experiment experiment)
        : this(new ExperimentEngine(experiment))
    {
    }

    /// <summary>Runs the simulation over accounts, each a person of one account.</summary>
    /// <param name="portfolio">The accounts at the start.</param>
    /// <param name="options">The period, step, seed and outcome model.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The contact log (<see cref="SimulationResult.Timelines"/>, and the same as persons), the statistics and what the compliance checker found.</returns>
    /// <exception cref="ArgumentException">The period is empty, the step is not positive, or an account is null.</exception>
    public SimulationResult Run(IReadOnlyList<BorrowerState> portfolio, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        for (var i = 0; i < portfolio.Count; i++)
        {
            if (portfolio[i] is null)
            {
                throw new ArgumentException($"portfolio[{i}] is null.", nameof(portfolio));
            }
        }

        var result = Run([.. portfolio.Select(Person.FromAccount)], options, cancellationToken);
        return result with { Timelines = [.. result.Persons.Select((t, i) => new AccountTimeline(portfolio[i], t.Events, t.Variant))] };
    }

    /// <summary>Runs the simulation over persons, each decided as a whole: one contact at a time, coordinated across their accounts.</summary>
    /// <param name="portfolio">The persons at the start.</param>
    /// <param name="options">The period, step, seed and outcome model.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The contact log (<see cref="SimulationResult.Persons"/>), the statistics and what the compliance checker found.</returns>
    /// <exception cref="ArgumentException">The period is empty, the step is not positive, or a person is null.</exception>
    public SimulationResult Run(IReadOnlyList<Person> portfolio, SimulationOptions options, CancellationToken cancellationToken = default)
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
        return new SimulationResult(options, [], run.Daily(), run.Summaries(timelines, violations), violations, run.Evaluations) { Persons = timelines };
    }

    /// <summary>One person's simulated life: their state, what happened and what is scheduled.</summary>
    private sealed class Subject(Person initial, string? variant, SeededRandom random)
    {
        public Person Initial { get; } = initial;

        public Person State { get; set; } = initial;

        public string? Variant { get; } = variant;

        public SeededRandom Random = random;

        public List<AccountEvent> Events { get; } = [];

        public SortedList<Instant, List<AccountEvent>> Scheduled { get; } = [];

        public Instant NextReview { get; set; }

        public DateTimeZone Zone { get; } = initial.TimeZoneIds.Select(id => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)).FirstOrDefault() ?? DateTimeZone.Utc;

        /// <summary>The points that never answer (drawn once, on first use): a number no longer in service, an abandoned mailbox.</summary>
        public Dictionary<string, bool> Dead { get; } = new(StringComparer.Ordinal);

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
        private readonly Subject[] subjects;

        public SimulationRun(PortfolioSimulator simulator, IReadOnlyList<Person> portfolio, SimulationOptions options)
        {
            this.simulator = simulator;
            this.options = options;
            subjects = new Subject[portfolio.Count];
            for (var i = 0; i < subjects.Length; i++)
            {
                var variant = simulator.experiment?.Assign(portfolio[i].PersonId ?? string.Empty).Name;
                subjects[i] = new Subject(portfolio[i], variant, SeededRandom.For(options.Seed, i)) { NextReview = options.Start };
            }
        }

        public long Evaluations { get; private set; }

        private OutcomeModel Model => options.Outcomes;

        public void Execute(CancellationToken cancellationToken)
        {
            var due = new List<int>();
            var states = new List<Person>();
            for (var now = options.Start; now < options.End; now += options.Step)
            {
                cancellationToken.ThrowIfCancellationRequested();
                due.Clear();
                states.Clear();
                for (var i = 0; i < subjects.Length; i++)
                {
                    var subject = subjects[i];
                    ApplyScheduled(subject, now);
                    if (subject.NextReview <= now)
                    {
                        due.Add(i);
                        states.Add(subject.State);
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
                    Follow(subjects[due[k]], decisions[k], now);
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

        private void ApplyScheduled(Subject subject, Instant now)
        {
            while (subject.Scheduled.Count > 0 && subject.Scheduled.Keys[0] <= now)
            {
                foreach (var e in subject.Scheduled.Values[0])
                {
                    Apply(subject, e);
                }

                subject.Scheduled.RemoveAt(0);
                subject.NextReview = Instant.Min(subject.NextReview, now);
            }
        }

        private static void Apply(Subject subject, AccountEvent e)
        {
            subject.Events.Add(e);
            subject.State = PersonTimeline.Apply(subject.State, e);
        }

        private void Follow(Subject subject, Decision decision, Instant now)
        {
            switch (decision.Kind)
            {
                case DecisionKind.Contact or DecisionKind.Escalate when decision.NotBefore is not null:
                    // The chosen action, and the escalations due on the person's other accounts: each is taken when its
                    // instant falls within this step; the person is reviewed again at the first of what remains.
                    var next = Instant.MaxValue;
                    foreach (var action in decision.Escalations.Prepend(decision))
                    {
                        if (action.NotBefore is not { } notBefore || notBefore >= options.End)
                        {
                            continue;
                        }

                        if (notBefore < now + options.Step)
                        {
                            Contact(subject, action, notBefore, now);
                            next = Instant.Min(next, StepAtOrAfter(notBefore) == notBefore ? notBefore + options.Step : StepAtOrAfter(notBefore));
                        }
                        else
                        {
                            next = Instant.Min(next, StepAtOrBefore(notBefore));
                        }
                    }

                    subject.NextReview = next;
                    break;
                case DecisionKind.Wait or DecisionKind.Suppressed:
                    subject.NextReview = decision.ReviewAt is { } review
                        ? Instant.Max(StepAtOrAfter(review), now + options.Step)
                        : decision.Kind == DecisionKind.Wait ? now + Duration.FromDays(1) : Instant.MaxValue;
                    break;
                default:
                    // Nothing owed (a payment that sets a due date brings the person back), or an error: never again.
                    subject.NextReview = Instant.MaxValue;
                    break;
            }
        }

        /// <summary>
        /// Makes a contact (or an escalation) on its point about its accounts, draws how it ends, and what follows for
        /// each account it was about: a promise to pay, a payment, a call back.
        /// </summary>
        private void Contact(Subject subject, Decision action, Instant at, Instant now)
        {
            var channel = action.Channel ?? Channel.None;
            ref var random = ref subject.Random;
            var response = Model.Channels.TryGetValue(channel, out var r) ? r : new ChannelResponse(1.0);
            var dead = IsDead(subject, action.ContactPointId, channel);
            var reached = random.Chance(response.Reached) && !dead;
            var outcome = channel switch
            {
                Channel.None => ContactOutcome.Sent,
                Channel.Call or Channel.Visit => reached
                    ? random.Chance(response.Conversation) ? ContactOutcome.Conversation : ContactOutcome.WrongParty
                    : channel == Channel.Call && !dead && random.Chance(Model.Voicemail) ? ContactOutcome.Voicemail : ContactOutcome.NoAnswer,
                Channel.Letter => reached ? ContactOutcome.Delivered : ContactOutcome.Sent,
                _ => reached ? ContactOutcome.Delivered : random.Chance(0.5) ? ContactOutcome.Bounced : ContactOutcome.Failed,
            };
            var attempt = new ContactAttempt(at, channel, ContactDirection.Outbound, outcome, action.Step?.Id)
            {
                ContactPointId = action.ContactPointId,
                AccountIds = action.AccountIds,
            };
            Apply(subject, new ContactMade(attempt, now, action.LimitedContentVoicemail));
            var owing = subject.State.Accounts.Where(a => a.DueDate is not null && attempt.Concerns(a.AccountId)).ToList();
            if (channel == Channel.None || owing.Count == 0)
            {
                return;
            }

            var earliest = now + options.Step;
            foreach (var account in owing)
            {
                if (outcome == ContactOutcome.Conversation && random.Chance(Model.PromiseToPay))
                {
                    var promised = at.InZone(subject.Zone).Date.PlusDays(Model.PromiseDays);
                    Apply(subject, new HoldPlaced(new Hold(HoldKind.PromiseToPay, at) { PromisedDate = promised }) { AccountId = account.AccountId });
                    if (random.Chance(Model.PromiseKept))
                    {
                        var paidAt = Instant.Max(earliest, StepAtOrAfter(subject.Zone.AtStartOfDay(promised).ToInstant() + Duration.FromHours(12)));
                        subject.Schedule(Payment(subject, account, paidAt));
                    }
                }
                else if (reached && random.Chance(Model.PaymentAfterContact))
                {
                    subject.Schedule(Payment(subject, account, Instant.Max(earliest, StepAtOrAfter(at + Duration.FromMinutes(random.Next(60, 72 * 60))))));
                }
            }

            if (reached && random.Chance(Model.InboundCallBack))
            {
                var callBack = Instant.Max(earliest, StepAtOrAfter(at + Duration.FromMinutes(random.Next(30, 24 * 60))));
                subject.Schedule(new ContactMade(new ContactAttempt(callBack, Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation)));
            }
        }

        /// <summary>
        /// Whether a point never answers. A person's first point of a channel answers at the channel's rates; each
        /// further one is dead with <see cref="OutcomeModel.UnreachablePoint"/>'s probability, drawn on first use.
        /// </summary>
        private bool IsDead(Subject subject, string? pointId, Channel channel)
        {
            if (pointId is null || channel == Channel.None || subject.State.ContactPoints.FirstOrDefault(p => p.Channel == channel) is not { } first || first.Id == pointId)
            {
                return false;
            }

            if (!subject.Dead.TryGetValue(pointId, out var dead))
            {
                subject.Dead[pointId] = dead = subject.Random.Chance(Model.UnreachablePoint);
            }

            return dead;
        }

        /// <summary>A payment of the account's amount due; its next instalment falls due a month after the cleared one, after the payment.</summary>
        private static PaymentMade Payment(Subject subject, Account account, Instant at)
        {
            var today = at.InZone(subject.Zone).Date;
            var next = account.DueDate ?? today;
            do
            {
                next = next.PlusMonths(1);
            }
            while (next <= today);

            return new PaymentMade(at, account.AmountDue, next) { AccountId = account.AccountId };
        }

        public ImmutableArray<PersonTimeline> Timelines() => [.. subjects.Select(s => new PersonTimeline(s.Initial, [.. s.Events], s.Variant))];

        public ImmutableArray<DailyChannelCount> Daily()
            => [.. subjects
                .SelectMany(s => s.Events.OfType<ContactMade>().Where(c => c.Attempt.Direction == ContactDirection.Outbound).Select(c => (Date: c.At.InZone(options.ReportingZone).Date, s.Variant, c.Attempt.Channel)))
                .GroupBy(x => x)
                .Select(g => new DailyChannelCount(g.Key.Date, g.Key.Variant, g.Key.Channel, g.Count()))
                .OrderBy(d => d.Date).ThenBy(d => VariantOrder(d.Variant)).ThenBy(d => d.Channel)];

        private int VariantOrder(string? variant)
            => variant is null || simulator.experiment is null ? 0 : simulator.experiment.Variants.IndexOf(simulator.experiment[variant]);

        public ImmutableArray<VariantSummary> Summaries(ImmutableArray<PersonTimeline> timelines, ImmutableArray<ComplianceViolation> violations)
        {
            IEnumerable<string?> variants = simulator.experiment is { } e ? e.Variants.Select(v => (string?)v.Name) : [null];
            var violationsByPerson = violations.GroupBy(v => v.PersonId ?? v.AccountId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return [.. variants.Select(variant =>
            {
                var mine = timelines.Where(t => t.Variant == variant).ToList();
                var contacts = mine.SelectMany(t => t.Events.OfType<ContactMade>()).ToList();
                var outbound = contacts.Where(c => c.Attempt.Direction == ContactDirection.Outbound);
                return new VariantSummary(
                    variant,
                    mine.Sum(t => t.Initial.Accounts.Length),
                    outbound.GroupBy(c => c.Attempt.Channel).ToImmutableSortedDictionary(g => g.Key, g => g.Count()),
                    contacts.Count(c => c.Attempt.Outcome == ContactOutcome.Conversation),
                    mine.Sum(t => t.Events.OfType<HoldPlaced>().Count(h => h.Hold.Kind == HoldKind.PromiseToPay)),
                    mine.Sum(t => t.Events.OfType<PaymentMade>().Count()),
                    mine.Sum(t => t.Initial.Accounts.Count(a => t.Events.OfType<PaymentMade>().Any(p => p.AccountId is null || p.AccountId == a.AccountId))),
                    mine.Sum(t => violationsByPerson.GetValueOrDefault(t.PersonId)))
                {
                    Persons = mine.Count,
                };
            })];
        }
    }
}
