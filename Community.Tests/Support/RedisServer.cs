using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Community.Tests.Support;

/// <summary>A test that needs Redis: skipped, with the reason in the report, where Debian's redis-server is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!File.Exists(RedisServer.Program))
            Skip = $"Skipped: no Redis at {RedisServer.Program}. Install it with 'apt-get install redis-server' (.ci/run does) to run the shared page cache tests.";
    }
}

/// <summary>A throwaway redis-server on 127.0.0.1: a free port, a temporary folder, no persistence, stopped at the end.</summary>
public sealed class RedisServer : IDisposable
{
    public const string Program = "/usr/bin/redis-server";

    private readonly Process process;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "community-redis-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public RedisServer()
    {
        Directory.CreateDirectory(folder);
        Port = FreePort.Next();
        process = Process.Start(new ProcessStartInfo(Program, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --dir {folder}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Ready when it accepts a connection (it starts in milliseconds; the loop only bounds a broken start).
        for (var i = 0; ; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (i < 200 && !process.HasExited)
            {
                Thread.Sleep(25);
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
