using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Seed;

namespace LsiWorkflow.Host.Features.Publications;

/// <summary>The public documents the letter to parliament names, with stable ids so seeding twice adds nothing.</summary>
internal static class PublicationSeed
{
    private const string Publisher = "systeem";

    public static IReadOnlyList<Publication> Build() =>
    [
        // Assumption: the letter gives the Staatscourant number, not its date; we use the covenant's anchor date.
        new("Samenwerkingsovereenkomst voor Interventieteams (convenant LSI)", PublicationKinds.Covenant,
            "Het convenant waarin de LSI-partners hun samenwerking tegen misbruik van sociale zekerheid, inkomensafhankelijke regelingen, belasting- en premiefraude en overtreding van de arbeidswetten vastleggen. Artikel 13: evaluatie elke vijf jaar.",
            LetterSeed.PublicationReference, At(LetterSeed.CovenantSignedOn), Publisher, LetterSeed.Id("publication:covenant-2017")),
        new("Eindrapport evaluatie convenant LSI 2017–2022", PublicationKinds.EvaluationReport,
            "De evaluatie door Berenschot van de samenwerking binnen het convenant, met aanbevelingen op vier terreinen: een nieuwe waardepropositie, randvoorwaarden voor samenwerking, kaders voor gegevensdeling en het nieuwe convenant.",
            "Bijlage bij de " + LetterSeed.LetterTitle, At(LetterSeed.LetterSentOn), Publisher, LetterSeed.Id("publication:evaluation-report-2017-2022")),
        new(LetterSeed.LetterTitle, PublicationKinds.LetterToParliament,
            "De reactie op de evaluatie: de opvolging van de aanbevelingen, de vernieuwde gezamenlijke DPIA voor de wijkgerichte aanpak (tot die klaar is starten geen nieuwe wijkgerichte projecten) en de toezeggingen aan de Kamer.",
            null, At(LetterSeed.LetterSentOn), Publisher, LetterSeed.Id("publication:letter-evaluation")),
    ];

    // 10:00 UTC is the same calendar day in The Hague, summer or winter.
    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
}
