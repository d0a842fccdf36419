using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Community.Tests.Support;

/// <summary>A minimal SMTP server on 127.0.0.1 that accepts every mail and keeps it; stop it to refuse connections.</summary>
public sealed class SmtpListener : IDisposable
{
    public sealed record Received(string From, IReadOnlyList<string> To, string Data)
    {
        /// <summary>A header's value, unfolded (long headers continue on lines that start with white space).</summary>
        public string Header(string name)
        {
            var head = Data.Split("\r\n\r\n", 2)[0].Replace("\r\n ", " ").Replace("\r\n\t", " ");
            return head.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim() ?? "";
        }
    }

    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public int Port { get; private set; }
    public ConcurrentQueue<Received> Messages { get; } = new();

    public SmtpListener() => Start(0);

    public void Restart() => Start(Port);

    private void Start(int port)
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var listener = _listener;
        var token = _stop.Token;
        _ = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(token); }
                catch (Exception) { return; }
                _ = Task.Run(() => ServeAsync(client, token));
            }
        });
    }

    public void Stop()
    {
        _stop.Cancel();
        _listener?.Stop();
        _listener = null;
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost test SMTP");
        string from = "";
        var to = new List<string>();
        while (!ct.IsCancellationRequested && await reader.ReadLineAsync(ct) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 localhost"); break;
                case "MAIL": from = line[(line.IndexOf(':') + 1)..].Trim(); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": to.Add(line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>')); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(ct) is { } l && l != ".") data.Append(l.StartsWith("..") ? l[1..] : l).Append("\r\n");
                    Messages.Enqueue(new Received(from, to.ToList(), data.ToString()));
                    to.Clear();
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                default: await writer.WriteLineAsync("250 OK"); break;
            }
        }
    }

    public void Dispose() => Stop();
}
