using System.Net;
using System.Net.Sockets;

namespace Community.Tests.Support;

public static class FreePort
{
    /// <summary>A port of 127.0.0.1 nothing listens on right now: for a throwaway server, or for a service that is down.</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
