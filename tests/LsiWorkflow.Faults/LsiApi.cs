using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LsiWorkflow.Faults;

/// <summary>An answer of the host, and whether an earlier attempt of the same request may have been carried out.</summary>
public sealed record Reply(HttpStatusCode Status, JsonElement Body, bool Uncertain, int Attempts)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public string Text => Body.ValueKind == JsonValueKind.Undefined ? "" : Body.GetRawText();
}

/// <summary>
/// The public API as the people of the demo organisations use it: bearer tokens from <c>/api/auth/token</c>,
/// requests spread over the nodes. A request that fails because a host is down (no connection, connection
/// lost, 503) is tried again until the host is back; the reply says whether an earlier attempt may have
/// reached the host, so the caller knows that a 409 can mean "done by my own first attempt".
/// </summary>
public sealed class LsiApi : IDisposable
{
    private readonly HttpClient http;
    private readonly IReadOnlyList<Uri> nodes;
    private readonly string password;
    private readonly ConcurrentDictionary<string, string> tokens = new(StringComparer.Ordinal);
    private int transportFailures;
    private int unavailable;

    public LsiApi(IReadOnlyList<Uri> nodes, string password)
    {
        this.nodes = nodes;
        this.password = password;
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        { Timeout = TimeSpan.FromMinutes(10) };
    }

    /// <summary>How long a request keeps being retried while the host is away.</summary>
    public TimeSpan Patience { get; set; } = TimeSpan.FromMinutes(5);

    public int TransportFailures => transportFailures;

    public int Unavailable => unavailable;

    public Task<Reply> GetAsync(string user, string path, int node = 0) => SendAsync(user, HttpMethod.Get, path, null, node);

    public Task<Reply> PostAsync(string user, string path, object? body, int node = 0) => SendAsync(user, HttpMethod.Post, path, body ?? new { }, node);

    public Task<Reply> PutAsync(string user, string path, object body, int node = 0) => SendAsync(user, HttpMethod.Put, path, body, node);

    public async Task<Reply> SendAsync(string user, HttpMethod method, string path, object? body, int node = 0, Func<Task<Reply?>>? beforeRetry = null)
    {
        var until = DateTime.UtcNow + Patience;
        var uncertain = false;
        for (var attempt = 1; ; attempt++)
        {
            var sent = false;
            if (attempt > 1 && uncertain && beforeRetry is not null && await beforeRetry() is { } found)
            {
                return found with { Uncertain = true, Attempts = attempt };
            }
            try
            {
                var token = await TokenAsync(user, node);
                using var request = new HttpRequestMessage(method, new Uri(Node(node), path));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body);
                }
                sent = true;
                using var response = await http.SendAsync(request);
                var reply = await ReadAsync(response, uncertain, attempt);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    tokens.TryRemove(user, out _);
                }
                else if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return reply;
                }
                else
                {
                    Interlocked.Increment(ref unavailable);
                    // A 503 may come after a commit that the host could not confirm.
                    uncertain = true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref transportFailures);
                // Connection refused means the request never arrived; anything else may have been carried out.
                uncertain |= sent && !IsRefused(ex);
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{method} {path} as {user} kept failing for {Patience.TotalSeconds:0} s");
            }
            await Task.Delay(Random.Shared.Next(100, 400));
        }
    }

    /// <summary>One attempt, whatever it brings (a 503 included); null when no answer came.</summary>
    public async Task<(Reply? Reply, TimeSpan Took)> OnceAsync(string user, HttpMethod method, string path, object? body, int node = 0)
    {
        var token = await TokenAsync(user, node);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(Node(node), path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }
            using var response = await http.SendAsync(request);
            return (await ReadAsync(response, false, 1), clock.Elapsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, clock.Elapsed);
        }
    }

    private static bool IsRefused(Exception ex) =>
        ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } && ex.InnerException is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused,
        };

    private Uri Node(int node) => nodes[node % nodes.Count];

    private async Task<string> TokenAsync(string user, int node)
    {
        if (tokens.TryGetValue(user, out var token))
        {
            return token;
        }
        using var response = await http.PostAsJsonAsync(new Uri(Node(node), "/api/auth/token"), new { userName = user, password });
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw new HttpRequestException("token: database unavailable", null, HttpStatusCode.ServiceUnavailable);
        }
        var reply = await ReadAsync(response, false, 1);
        if (!reply.Ok)
        {
            throw new InvalidOperationException($"No token for {user}: {(int)reply.Status} {reply.Text}");
        }
        token = reply.Body.GetProperty("accessToken").GetString()!;
        tokens[user] = token;
        return token;
    }

    private static async Task<Reply> ReadAsync(HttpResponseMessage response, bool uncertain, int attempt)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = default(JsonElement);
        if (text.Length > 0)
        {
            try
            {
                body = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                body = JsonSerializer.SerializeToElement(text);
            }
        }
        return new Reply(response.StatusCode, body, uncertain, attempt);
    }

    public void Dispose() => http.Dispose();
}
