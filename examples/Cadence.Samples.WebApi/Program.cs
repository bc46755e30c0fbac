using Cadence.Samples.WebApi;
using NodaTime;

// The composition root: the only place that reads the system clock. Everything else takes the IClock it is given,
// so that tests run the same application at a fixed instant.
var builder = DecisionApi.CreateBuilder(args, SystemClock.Instance); // allowed
var app = DecisionApi.Build(builder);
await app.RunAsync();
