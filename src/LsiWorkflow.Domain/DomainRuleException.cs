namespace LsiWorkflow.Domain;

/// <summary>
/// A change the domain's rules do not allow, with the reason in Dutch for the person who asked (the host answers 409).
/// Distinct from <see cref="InvalidOperationException"/>, which stays a programming error.
/// </summary>
public sealed class DomainRuleException(string message) : Exception(message);
