namespace LsiWorkflow.Domain;

/// <summary>Dutch words for states and actions, used in the explanations users read.</summary>
public static class Dutch
{
    public static string Of(ProjectStatus status) => status switch
    {
        ProjectStatus.Proposed => "voorgesteld",
        ProjectStatus.Approved => "goedgekeurd",
        ProjectStatus.Started => "gestart",
        ProjectStatus.Closed => "afgesloten",
        ProjectStatus.Rejected => "afgewezen",
        _ => status.ToString(),
    };

    /// <summary>The past participle, as in "kan niet worden ...".</summary>
    public static string Of(ProjectTransition transition) => transition switch
    {
        ProjectTransition.Approve => "goedgekeurd",
        ProjectTransition.Start => "gestart",
        ProjectTransition.Close => "afgesloten",
        ProjectTransition.Reject => "afgewezen",
        _ => transition.ToString(),
    };

    public static string Of(DpiaStatus status) => status switch
    {
        DpiaStatus.Draft => "concept",
        DpiaStatus.InReview => "in beoordeling",
        DpiaStatus.Adopted => "vastgesteld",
        _ => status.ToString(),
    };

    public static string Of(EvaluationStatus status) => status switch
    {
        EvaluationStatus.Planned => "gepland",
        EvaluationStatus.Commissioned => "opdracht verleend",
        EvaluationStatus.ReportReceived => "rapport ontvangen",
        EvaluationStatus.Completed => "afgerond",
        _ => status.ToString(),
    };

    public static string Of(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Open => "open",
        FollowUpStatus.InProgress => "in uitvoering",
        FollowUpStatus.Done => "gereed",
        FollowUpStatus.Rejected => "niet overgenomen",
        _ => status.ToString(),
    };
}
