using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LsiWorkflow.Durable.Benchmarks;

/// <summary>One statement as the server received it: its text and, for the extended protocol, its parameters.</summary>
/// <param name="ParameterTypes">The type oid of each parameter as sent in Parse (0: left to the server).</param>
/// <param name="Parameters">Each parameter's value, <c>null</c> for SQL NULL, already decoded to PostgreSQL's text form.</param>
/// <param name="RoundTrip">The number of the client write (answered by the server) that carried it, counted over all connections.</param>
internal sealed record CapturedStatement(string Sql, IReadOnlyList<uint> ParameterTypes, IReadOnlyList<string?> Parameters, bool Simple, int Connection, int RoundTrip);

/// <summary>
/// A PostgreSQL wire-protocol relay between a client and the server that records every statement the client sends while
/// recording is on. It sits below Npgsql and EF Core, so it sees what the host's code really sends (the BEGIN that Npgsql
/// writes in front of the next command, the COMMIT, the row lock, the reset of a pooled connection) whatever class
/// sends it. It understands the messages of the simple and the extended query protocol and the binary formats of the
/// types it meets; a value of another type stops the capture with the type's oid, rather than guessing.
/// </summary>
internal sealed class WireCapture : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string upstreamHost;
    private readonly int upstreamPort;
    private readonly List<CapturedStatement> statements = [];
    private readonly List<Task> relays = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;
    private int connections;
    private int roundTrips;
    private volatile bool recording;
    private Exception? failure;

    public WireCapture(string upstreamHost, int upstreamPort)
    {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Records what is sent from now on, until <see cref="StopRecording"/>.</summary>
    public void StartRecording()
    {
        lock (statements)
        {
            statements.Clear();
        }
        recording = true;
    }

    public IReadOnlyList<CapturedStatement> StopRecording()
    {
        recording = false;
        if (failure is not null)
        {
            throw new InvalidOperationException("The capture could not read what the client sent.", failure);
        }
        lock (statements)
        {
            return [.. statements];
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var id = Interlocked.Increment(ref connections);
            lock (relays)
            {
                relays.Add(RelayAsync(client, id));
            }
        }
    }

    private async Task RelayAsync(Socket client, int id)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(upstreamHost, upstreamPort, stop.Token);
            var answered = new Flag(true);
            var toServer = ClientToServerAsync(client, server, id, answered);
            var toClient = ServerToClientAsync(server, client, answered);
            await Task.WhenAny(toServer, toClient);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            // a connection that ends mid-way is the client's or the server's business, not the capture's
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task ServerToClientAsync(Socket server, Socket client, Flag answered)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await server.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            if (read == 0)
            {
                client.Shutdown(SocketShutdown.Send);
                return;
            }
            answered.Value = true;
            await SendAllAsync(client, buffer.AsMemory(0, read));
        }
    }

    private async Task ClientToServerAsync(Socket client, Socket server, int id, Flag answered)
    {
        var parser = new FrontendParser(this, id);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
            if (read == 0)
            {
                server.Shutdown(SocketShutdown.Send);
                return;
            }
            // A write of the client that follows an answer of the server starts a round trip; what Npgsql writes in
            // one go (a prepended BEGIN with the command after it) arrives in one piece on the loopback.
            var roundTrip = answered.Value ? Interlocked.Increment(ref roundTrips) : Volatile.Read(ref roundTrips);
            answered.Value = false;
            try
            {
                parser.Feed(buffer.AsSpan(0, read), roundTrip);
            }
#pragma warning disable CA1031 // the relay goes on; the failure is reported to whoever reads the capture
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure ??= ex;
            }
            await SendAllAsync(server, buffer.AsMemory(0, read));
        }
    }

    private static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None);
            data = data[sent..];
        }
    }

    private void Record(CapturedStatement statement)
    {
        if (!recording)
        {
            return;
        }
        lock (statements)
        {
            statements.Add(statement);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        Task[] running;
        lock (relays)
        {
            running = [.. relays];
        }
        await Task.WhenAll(running);
        stop.Dispose();
    }

    /// <summary>Whether the server has answered since the client last wrote.</summary>
    private sealed class Flag(bool value)
    {
        public bool Value = value;
    }

    /// <summary>Splits the client's byte stream into protocol messages and records the statements among them.</summary>
    private sealed class FrontendParser(WireCapture capture, int connection)
    {
        private const int SslRequest = 80877103;
        private const int GssEncRequest = 80877104;
        private readonly List<byte> pending = [];
        private readonly Dictionary<string, (string Sql, uint[] Types)> prepared = [];
        private bool started;

        public void Feed(ReadOnlySpan<byte> data, int roundTrip)
        {
            pending.AddRange(data);
            while (true)
            {
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending);
                var headerLength = started ? 5 : 4;
                if (span.Length < headerLength)
                {
                    return;
                }
                var length = BinaryPrimitives.ReadInt32BigEndian(span[(headerLength - 4)..]);
                var total = headerLength - 4 + length;
                if (span.Length < total)
                {
                    return;
                }
                if (started)
                {
                    Message((char)span[0], span[5..total], roundTrip);
                }
                else
                {
                    // Untyped messages come first: SSL or GSS encryption requests (the server says no here), then the
                    // startup message, after which every message has a type byte.
                    var code = BinaryPrimitives.ReadInt32BigEndian(span[4..]);
                    started = code is not (SslRequest or GssEncRequest);
                }
                pending.RemoveRange(0, total);
            }
        }

        private void Message(char type, ReadOnlySpan<byte> body, int roundTrip)
        {
            var reader = new Reader(body);
            switch (type)
            {
                case 'Q':
                    capture.Record(new CapturedStatement(reader.CString(), [], [], Simple: true, connection, roundTrip));
                    break;
                case 'P':
                {
                    var name = reader.CString();
                    var sql = reader.CString();
                    var types = new uint[reader.Int16()];
                    for (var i = 0; i < types.Length; i++)
                    {
                        types[i] = (uint)reader.Int32();
                    }
                    prepared[name] = (sql, types);
                    break;
                }
                case 'B':
                {
                    reader.CString(); // portal
                    var (sql, types) = prepared[reader.CString()];
                    var formats = new short[reader.Int16()];
                    for (var i = 0; i < formats.Length; i++)
                    {
                        formats[i] = reader.Int16();
                    }
                    var values = new string?[reader.Int16()];
                    for (var i = 0; i < values.Length; i++)
                    {
                        var length = reader.Int32();
                        if (length < 0)
                        {
                            continue;
                        }
                        var raw = reader.Bytes(length);
                        var binary = (formats.Length == 1 ? formats[0] : formats.Length == 0 ? 0 : formats[i]) == 1;
                        var oid = i < types.Length ? types[i] : 0;
                        values[i] = binary ? PgBinary.ToText(oid, raw, sql) : Encoding.UTF8.GetString(raw);
                    }
                    capture.Record(new CapturedStatement(sql, types, values, Simple: false, connection, roundTrip));
                    break;
                }
                case 'C' when body.Length > 0 && body[0] == (byte)'S':
                    prepared.Remove(new Reader(body[1..]).CString());
                    break;
            }
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> rest = data;

        public string CString()
        {
            var end = rest.IndexOf((byte)0);
            var value = Encoding.UTF8.GetString(rest[..end]);
            rest = rest[(end + 1)..];
            return value;
        }

        public short Int16()
        {
            var value = BinaryPrimitives.ReadInt16BigEndian(rest);
            rest = rest[2..];
            return value;
        }

        public int Int32()
        {
            var value = BinaryPrimitives.ReadInt32BigEndian(rest);
            rest = rest[4..];
            return value;
        }

        public ReadOnlySpan<byte> Bytes(int length)
        {
            var value = rest[..length];
            rest = rest[length..];
            return value;
        }
    }
}
