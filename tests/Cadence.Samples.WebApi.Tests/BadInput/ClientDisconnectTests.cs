using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Cadence.Samples.WebApi.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Cadence.Samples.WebApi.Tests.BadInput;

/// <summary>A client that disconnects in the middle of a batch is logged as information, and nothing is logged as a failure.</summary>
public sealed class ClientDisconnectTests(ClientDisconnectTests.QuietHost host) : IClassFixture<ClientDisconnectTests.QuietHost>
{
    [Fact]
    public async Task AClientThatDisconnectsMidBatchIsLoggedAsInformationAndNotAsAnError()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var line = Encoding.UTF8.GetBytes(Bodies.Account + "\n");
        using var client = new TcpClient();
        await client.ConnectAsync(host.Http1.BaseAddress!.Host, host.Http1.BaseAddress.Port, cancellation);
        var stream = client.GetStream();

        // A chunked body of one line, left open: the service answers that line, then waits for more.
        var head = $"POST /decisions/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n{line.Length.ToString("x", CultureInfo.InvariantCulture)}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellation);
        await stream.WriteAsync(line, cancellation);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellation);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (!answer.ToString().Contains("\"accountId\":\"PF-001\"", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellation);
            Assert.NotEqual(0, read);
            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        // Then it goes away, resetting the connection.
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();

        var logged = await host.Logs.WaitForAsync(e => e.Message.StartsWith("The client disconnected", StringComparison.Ordinal));
        Assert.StartsWith("HTTP/1.1 200 OK", answer.ToString(), StringComparison.Ordinal);
        Assert.Equal(LogLevel.Information, logged?.Level);
        Assert.Equal("The client disconnected before the answer to POST /decisions/batch was complete.", logged?.Message);
        await Task.Delay(500, cancellation);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    /// <summary>The web API on its own, with chunks of one line, so that its log holds this test's entries only.</summary>
    public sealed class QuietHost() : DecisionApiHost(["--Cadence:BatchChunkSize", "1"], null);
}
