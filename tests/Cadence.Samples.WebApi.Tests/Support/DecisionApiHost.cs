using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

[assembly: AssemblyFixture(typeof(Cadence.Samples.WebApi.Tests.Support.DecisionApiHost))]

namespace Cadence.Samples.WebApi.Tests.Support;

/// <summary>
/// The web API, built as <c>Program.cs</c> builds it but with a fixed clock, listening on two loopback ports chosen by
/// the system: one for HTTP/1.1 and one for HTTP/2 without TLS (prior knowledge). Shared by every test.
/// </summary>
/// <remarks>
/// <see cref="HttpClient"/> sends a whole HTTP/1.1 request body before it reads the response, while the batch endpoint
/// answers as it reads: a batch whose decisions outgrow the connection's buffers needs a client that reads while it
/// sends, which <see cref="HttpClient"/> does over HTTP/2.
/// </remarks>
public class DecisionApiHost : IAsyncLifetime
{
    /// <summary>The clock's instant: Monday 9 March 2026, 14:30 UTC, the instant the sample portfolio is described at.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 14, 30);

    private readonly string[] settings;
    private readonly Action<IServiceCollection>? services;
    private WebApplication? app;

    /// <summary>The application with its default settings.</summary>
    public DecisionApiHost()
        : this([], null)
    {
    }

    /// <summary>The application with other settings, or other services.</summary>
    /// <param name="settings">Configuration keys and values, e.g. <c>--Cadence:MaxLineBytes 1000</c>.</param>
    /// <param name="services">Registers services over the application's, e.g. another engine.</param>
    protected DecisionApiHost(string[] settings, Action<IServiceCollection>? services)
    {
        this.settings = settings;
        this.services = services;
    }

    /// <summary>What the application logged.</summary>
    public ListLogger Logs { get; } = new();

    /// <summary>A client of the HTTP/1.1 endpoint.</summary>
    public HttpClient Http1 { get; private set; } = null!;

    /// <summary>A client of the HTTP/2 endpoint.</summary>
    public HttpClient Http2 { get; private set; } = null!;

    /// <summary>The engine the application evaluates with.</summary>
    public ICadenceEngine Engine => app!.Services.GetRequiredService<ICadenceEngine>();

    public async ValueTask InitializeAsync()
    {
        var builder = DecisionApi.CreateBuilder(["--contentRoot", AppContext.BaseDirectory, .. settings], new FakeClock(Now));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        services?.Invoke(builder.Services);
        ListenOptions? http1 = null;
        ListenOptions? http2 = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => (http1 = listen).Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen => (http2 = listen).Protocols = HttpProtocols.Http2);
        });
        app = DecisionApi.Build(builder);
        await app.StartAsync(TestContext.Current.CancellationToken);

        Http1 = new HttpClient { BaseAddress = Address(http1!) };
        Http2 = new HttpClient
        {
            BaseAddress = Address(http2!),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        Http1?.Dispose();
        Http2?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    // Once started, the listen options hold the port the system chose.
    private static Uri Address(ListenOptions listen) => new($"http://127.0.0.1:{listen.IPEndPoint!.Port}");
}
