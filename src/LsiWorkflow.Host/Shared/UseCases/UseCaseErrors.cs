namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>A use case refuses; endpoints turn it into ProblemDetails with the matching status.</summary>
public abstract class UseCaseException(string title, string message) : Exception(message)
{
    public string Title { get; } = title;

    public abstract int StatusCode { get; }

    /// <summary>Every reason, for callers that show them one by one (e.g. the gates of a project).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}

public sealed class NotFoundException(string what) : UseCaseException("Niet gevonden", what)
{
    public override int StatusCode => StatusCodes.Status404NotFound;
}

public sealed class ConflictException(string title, string message) : UseCaseException(title, message)
{
    public override int StatusCode => StatusCodes.Status409Conflict;
}

public sealed class ForbiddenException(string message) : UseCaseException("Geen toegang", message)
{
    public override int StatusCode => StatusCodes.Status403Forbidden;
}

public sealed class UnauthorizedException() : UseCaseException("Niet aangemeld", "Meld u aan om dit te doen.")
{
    public override int StatusCode => StatusCodes.Status401Unauthorized;
}

public sealed class InvalidRequestException(string message) : UseCaseException("Ongeldig verzoek", message)
{
    public override int StatusCode => StatusCodes.Status400BadRequest;

    /// <summary>Problems by field or JSON path.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
}
