using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LsiWorkflow.Engine.Runtime;

/// <summary>Lifecycle of an instance.</summary>
public enum WorkflowStatus
{
    /// <summary>A burst is running (only seen inside the runner).</summary>
    [JsonStringEnumMemberName("running")] Running,
    /// <summary>Every path waits on a bookmark.</summary>
    [JsonStringEnumMemberName("waiting")] Waiting,
    /// <summary>Ended normally.</summary>
    [JsonStringEnumMemberName("finished")] Finished,
    /// <summary>Has an open incident; retry continues the failed path while other paths can still be resumed.</summary>
    [JsonStringEnumMemberName("faulted")] Faulted,
    /// <summary>Cancelled by a person or the host.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>What a bookmark waits for.</summary>
public enum BookmarkKind
{
    /// <summary>A human task.</summary>
    [JsonStringEnumMemberName("task")] Task,
    /// <summary>A timer.</summary>
    [JsonStringEnumMemberName("timer")] Timer,
    /// <summary>A named domain event.</summary>
    [JsonStringEnumMemberName("event")] Event,
    /// <summary>A child workflow.</summary>
    [JsonStringEnumMemberName("child")] Child,
}

/// <summary>A point where an instance waits for the outside world.</summary>
public sealed record Bookmark
{
    /// <summary>Id; the host addresses resume signals to it (and uses it as timer id).</summary>
    public Guid Id { get; init; }

    /// <summary>The waiting activity.</summary>
    public string ActivityId { get; init; } = "";

    /// <summary>What is awaited.</summary>
    public BookmarkKind Kind { get; init; }

    /// <summary>Event name for event bookmarks.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EventName { get; init; }

    /// <summary>Correlation key for event bookmarks.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrelationKey { get; init; }

    /// <summary>When a timer bookmark is due.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Activity-specific data, e.g. the task id.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Data { get; init; }

    /// <summary>The task id of a task bookmark.</summary>
    [JsonIgnore]
    public Guid? TaskId => Data?["taskId"]?.GetValue<Guid>();
}

/// <summary>A recorded failure that stopped an instance.</summary>
public sealed record Incident
{
    /// <summary>Id, used to retry.</summary>
    public Guid Id { get; init; }

    /// <summary>The failing activity, if any.</summary>
    public string? ActivityId { get; init; }

    /// <summary>Plain message.</summary>
    public string Message { get; init; } = "";

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>True once retried.</summary>
    public bool Resolved { get; set; }

    /// <summary>The activation to repeat on retry (null for a runaway burst, which just continues).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PendingActivation? Activation { get; init; }

    /// <summary>Tokens set aside by a runaway burst; retry puts them back.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<PendingActivation>? Parked { get; init; }

    /// <summary>The signal to apply again on retry when the failure happened while resuming.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResumeSignal? Signal { get; init; }
}

/// <summary>A token waiting to run an activity, kept in the state so a fault or crash loses no path.</summary>
/// <param name="ActivityId">Activity to run.</param>
/// <param name="Source">Source activity of the connection the token came over, if any.</param>
/// <param name="Outcome">Outcome of that connection.</param>
public sealed record PendingActivation(string ActivityId, string? Source = null, string? Outcome = null);

/// <summary>
/// The whole durable state of one instance. The host stores it as JSON (see <see cref="ToJson"/>);
/// names are stable and the format carries <see cref="SchemaVersion"/>.
/// </summary>
public sealed class WorkflowState
{
    /// <summary>Format version written by this engine.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Format version.</summary>
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Instance id.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Definition version the instance runs on.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>Lifecycle status.</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>Start input.</summary>
    public JsonObject Input { get; set; } = [];

    /// <summary>Workflow variables.</summary>
    public JsonObject Variables { get; set; } = [];

    /// <summary>Open bookmarks.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];

    /// <summary>Outputs per activity id, visible to expressions as <c>activities.&lt;id&gt;</c>.</summary>
    public JsonObject ActivityOutputs { get; set; } = [];

    /// <summary>Internal state per activity id (join arrivals, task completions, ...).</summary>
    public JsonObject ActivityStates { get; set; } = [];

    /// <summary>Tokens not yet run; normally empty between bursts, except after a fault.</summary>
    public List<PendingActivation> Pending { get; set; } = [];

    /// <summary>Every task id completed in this instance, so a second completion is recognised.</summary>
    public List<Guid> CompletedTaskIds { get; set; } = [];

    /// <summary>Incidents, resolved or not.</summary>
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>Parent instance when started by StartWorkflow.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ParentInstanceId { get; set; }

    /// <summary>The parent's bookmark waiting for this instance.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ParentBookmarkId { get; set; }

    /// <summary>Business correlation key, e.g. a project id.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrelationKey { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it finished, faulted for good or was cancelled.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>True while the instance can still move (running, waiting, or faulted with other paths open).</summary>
    [JsonIgnore]
    public bool IsActive => Status is WorkflowStatus.Running or WorkflowStatus.Waiting or WorkflowStatus.Faulted;

    /// <summary>Options used to store states, effects and signals.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            // PostgreSQL's jsonb reorders keys, so the "kind" discriminator may not come first when read back.
            AllowOutOfOrderMetadataProperties = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes the state as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    public static WorkflowState FromJson(string json)
    {
        var state = JsonSerializer.Deserialize<WorkflowState>(json, JsonOptions)
            ?? throw new JsonException("Lege workflowstatus.");
        if (state.SchemaVersion != CurrentSchemaVersion)
        {
            throw new JsonException($"Workflowstatus met schemaversie {state.SchemaVersion} wordt niet ondersteund.");
        }
        return state;
    }

    /// <summary>A deep copy, so the runner never changes the caller's state.</summary>
    public WorkflowState Clone() => FromJson(ToJson());
}
