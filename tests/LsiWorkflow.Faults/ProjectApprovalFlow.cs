using System.Collections.Concurrent;
using System.Net;

namespace LsiWorkflow.Faults;

/// <summary>One project taken through the shipped project-approval workflow, and what the driver did to it.</summary>
public sealed class Flow(int number, string name, bool rejectAtIntake)
{
    public int Number { get; } = number;
    public string Name { get; } = name;
    public bool RejectAtIntake { get; } = rejectAtIntake;
    public Guid ProjectId { get; set; }

    /// <summary>Chosen by the driver, so a start repeated after a lost answer is recognised by the host.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public bool Broken { get; set; }
}

/// <summary>A step the host answered in a way the flow cannot go on from.</summary>
public sealed class StepFailedException(string message) : Exception(message);

/// <summary>
/// The requests of the project-approval workflow as the secretariat, the UWV partner and the UWV steering-group
/// member make them: a ready area-based project (UWV takes part, adopted, privacy protocol), the start, and the
/// three tasks. A retried request answered with 409 counts as done by its own first attempt.
/// </summary>
public sealed class ProjectApprovalDriver(LsiApi api, int nodes = 1)
{
    public const string Secretary = "secretaris";
    public const string Partner = "partner.uwv";
    public const string Member = "stuurgroep.uwv";

    private int repeatsAnswered409;
    private int uncertainStarts;

    public ConcurrentBag<string> Errors { get; } = [];

    /// <summary>Requests whose first attempt had been carried out before the host died: 409 on the retry.</summary>
    public int RepeatsAnswered409 => repeatsAnswered409;

    /// <summary>Starts whose first answer was lost; without the driver's instance id each would be a second instance.</summary>
    public int UncertainStarts => uncertainStarts;

    private int Node(Flow flow, int step) => (flow.Number + step) % nodes;

    public async Task PrepareAsync(Flow flow)
    {
        var proposed = await api.SendAsync(Secretary, HttpMethod.Post, "/api/projects",
            new { name = flow.Name, kind = "AreaBased", municipality = "GEM-ROTTERDAM" }, Node(flow, 0),
            beforeRetry: () => FindProjectAsync(flow.Name));
        Expect(proposed, flow, "propose");
        flow.ProjectId = proposed.Body.GetProperty("id").GetGuid();
        Expect(await api.PostAsync(Secretary, $"/api/projects/{flow.ProjectId}/participants", new { organisation = "UWV", sharesData = true }, Node(flow, 1)), flow, "participant");
        Expect(await api.PostAsync(Member, $"/api/projects/{flow.ProjectId}/adopt", null, Node(flow, 2)), flow, "adopt");
        Expect(await api.PutAsync(Secretary, $"/api/projects/{flow.ProjectId}/privacy-protocol", new { reference = "Modelprivacyprotocol LSI v2" }, Node(flow, 3)), flow, "privacy protocol");
    }

    /// <summary>A project proposed by an attempt whose answer was lost, found by its name.</summary>
    private async Task<Reply?> FindProjectAsync(string name)
    {
        var all = await api.GetAsync(Secretary, "/api/projects");
        if (!all.Ok)
        {
            return null;
        }
        foreach (var project in all.Body.EnumerateArray())
        {
            if (project.GetProperty("name").GetString() == name)
            {
                return new Reply(HttpStatusCode.Created, project, true, 0);
            }
        }
        return null;
    }

    public async Task StartAsync(Flow flow)
    {
        var started = await api.PostAsync(Secretary, "/api/instances/project-approval",
            new { input = new { projectId = flow.ProjectId }, instanceId = flow.InstanceId }, Node(flow, 4));
        if (started.Uncertain)
        {
            Interlocked.Increment(ref uncertainStarts);
        }
        Expect(started, flow, "start");
        if (started.Body.GetProperty("instanceId").GetGuid() != flow.InstanceId)
        {
            Fail(flow, $"start: the host made instance {started.Body.GetProperty("instanceId")} instead of {flow.InstanceId}");
        }
    }

    /// <summary>Completes the open task of the activity as the given person.</summary>
    public async Task CompleteAsync(Flow flow, string activityId, string user, string outcome, int step, string? comment = null)
    {
        var taskId = await OpenTaskAsync(flow, activityId);
        var reply = await api.PostAsync(user, $"/api/tasks/{taskId}/complete", new { outcome, comment }, Node(flow, step));
        Expect(reply, flow, $"complete {activityId}");
    }

    private async Task<Guid> OpenTaskAsync(Flow flow, string activityId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var instance = await api.GetAsync(Secretary, $"/api/instances/{flow.InstanceId}");
            if (!instance.Ok)
            {
                Fail(flow, $"instance: {(int)instance.Status} {instance.Text}");
            }
            foreach (var task in instance.Body.GetProperty("tasks").EnumerateArray())
            {
                if (task.GetProperty("activityId").GetString() == activityId && task.GetProperty("status").GetString() == "Open")
                {
                    return task.GetProperty("id").GetGuid();
                }
            }
            if (DateTime.UtcNow > until)
            {
                Fail(flow, $"no open task '{activityId}'; instance status {instance.Body.GetProperty("instance").GetProperty("status")}");
            }
            await Task.Delay(200);
        }
    }

    private void Expect(Reply reply, Flow flow, string what)
    {
        if (reply.Ok)
        {
            return;
        }
        if (reply.Uncertain && reply.Status == HttpStatusCode.Conflict)
        {
            Interlocked.Increment(ref repeatsAnswered409);
            return;
        }
        Fail(flow, $"{what}: {(int)reply.Status} {reply.Text}");
    }

    private void Fail(Flow flow, string message)
    {
        flow.Broken = true;
        Errors.Add($"#{flow.Number} {message}");
        throw new StepFailedException(message);
    }

    /// <summary>Runs a step for every flow that is still whole, with a bounded number of clients.</summary>
    public static Task ForEachAsync(IEnumerable<Flow> flows, int clients, Func<Flow, Task> step, Action? done = null) =>
        Parallel.ForEachAsync(flows.Where(f => !f.Broken), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (flow, _) =>
        {
            try
            {
                await step(flow);
                done?.Invoke();
            }
            catch (StepFailedException)
            {
                // recorded in Errors; the flow stops here
            }
        });

    /// <summary>The seeded joint area-based DPIA, submitted, approved by UWV and adopted: projects held at the start gate go on.</summary>
    public async Task<Reply> AdoptJointDpiaAsync()
    {
        var list = await api.GetAsync(Secretary, "/api/dpias?kind=JointAreaBased");
        if (!list.Ok || list.Body.GetArrayLength() == 0)
        {
            throw new StepFailedException($"no joint area-based DPIA: {(int)list.Status} {list.Text}");
        }
        var id = list.Body[0].GetProperty("id").GetGuid();
        foreach (var (user, action) in new[] { (Secretary, "submit"), (Partner, "approve"), (Secretary, "adopt") })
        {
            var reply = await api.PostAsync(user, $"/api/dpias/{id}/{action}", null);
            if (!reply.Ok)
            {
                throw new StepFailedException($"DPIA {action}: {(int)reply.Status} {reply.Text}");
            }
            if (action == "adopt")
            {
                return reply;
            }
        }
        throw new InvalidOperationException("unreachable");
    }
}
