namespace LsiWorkflow.Domain.Seed;

/// <summary>Everything <see cref="LetterSeed.Build"/> makes, as roots the host stores in this order.</summary>
public sealed record LetterSeedData(
    IReadOnlyList<Organisation> Organisations,
    SteeringGroup SteeringGroup,
    Covenant Covenant,
    Evaluation Evaluation,
    Dpia JointAreaBasedDpia,
    IReadOnlyList<Commitment> Commitments,
    MultiYearPlan Plan,
    IReadOnlyList<Milestone> Milestones);

/// <summary>
/// The facts of the letter to parliament on the evaluation of the LSI convenant
/// (docs/letter/kamerbrief-evaluatie-convenant-lsi.txt), as domain objects. Every id is derived from a
/// stable name, so building twice gives the same keys and the host can seed idempotently.
/// Whatever the letter does not say is marked as an assumption or an example where it is made.
/// docs/letter/facts.md lists every fact by the same names; a test holds this seed to it.
/// </summary>
public static class LetterSeed
{
    public const string LetterTitle = "Kamerbrief evaluatie convenant LSI (2023)";
    public const string JanuaryLetterTitle = "Kamerbrief LSI van 26 januari 2023";
    public const string PublicationReference = "Stcrt. 2017, nr. 20624";

    /// <summary>
    /// Assumption: the letter names 2017 but no day. We anchor the five-yearly cycle on 1 July 2017.
    /// (A VNG article of March 2022 says the first parties signed in March 2017; the anchor is a convention, not that date.)
    /// </summary>
    public static readonly DateOnly CovenantSignedOn = new(2017, 7, 1);

    /// <summary>Assumption: our copy of the letter is undated; it calls 26 January "jl." and the year end still ahead, so late 2023.</summary>
    public static readonly DateOnly LetterSentOn = new(2023, 12, 1);

    private static readonly DateOnly EndOf2023 = new(2023, 12, 31);
    private static readonly DateOnly EndOfQ1Of2024 = new(2024, 3, 31);
    private static readonly DateOnly ProgressReportJune2024 = new(2024, 6, 30);

    /// <summary>
    /// Assumption: the letter promises the follow-up research's results "when it is finished", without a date,
    /// but a commitment is tracked by its date. We hold it to the Stand van de uitvoering of June 2025, the first
    /// yearly report to parliament after a study started at the end of 2023 can reasonably have finished; the
    /// secretariat moves it once the study's planning is known.
    /// </summary>
    public static readonly DateOnly FollowUpResultsCheckpoint = new(2025, 6, 30);

    // The partners the letter lists. Assumption: the gemeenten are represented through the VNG.
    private static readonly string[] Partners =
    [
        Organisations.Arbeidsinspectie, Organisations.Ind, Organisations.Belastingdienst,
        Organisations.DienstToeslagen, Organisations.Uwv, Organisations.Svb, Organisations.Vng,
    ];

    public static Guid Id(string name) => StableId.For("seed:" + name);

    public static LetterSeedData Build()
    {
        var organisations = Organisations.All();
        Organisation Org(string code) => organisations.Single(o => o.Code == code);

        var steeringGroup = BuildSteeringGroup(Org);
        var covenant = BuildCovenant(Org);
        var evaluation = BuildEvaluation(covenant, Org);
        var dpia = Dpia.Joint(DpiaKind.JointAreaBased, "Vernieuwde gezamenlijke DPIA wijkgerichte aanpak", Id("dpia:joint-area-based"));
        var commitments = BuildCommitments();
        var plan = BuildPlan(steeringGroup);
        var milestones = BuildMilestones(covenant, plan);
        return new LetterSeedData(organisations, steeringGroup, covenant, evaluation, dpia, commitments, plan, milestones);
    }

    /// <summary>
    /// Brings a plan stored by an earlier seed in line with the letter: an agenda item of the seed that has no
    /// day yet gets the day the letter names (earlier seeds gave none, so it read as the end of its year).
    /// A day is only filled in, never replaced, so a day someone has set stays. Returns the items it planned.
    /// </summary>
    public static IReadOnlyList<AgendaItem> FillInPlannedDays(MultiYearPlan stored, MultiYearPlan seeded)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(seeded);
        var days = seeded.AgendaItems.Where(i => i.PlannedOn is not null).ToDictionary(i => i.Id, i => (i.Year, Day: i.PlannedOn!.Value));
        var planned = new List<AgendaItem>();
        foreach (var item in stored.AgendaItems)
        {
            if (item.PlannedOn is null && days.TryGetValue(item.Id, out var letter) && letter.Year == item.Year)
            {
                item.PlanOn(letter.Day);
                planned.Add(item);
            }
        }

        return planned;
    }

    private static SteeringGroup BuildSteeringGroup(Func<string, Organisation> org)
    {
        // The letter names no people and no chair: members are named by the organisation they represent.
        var group = new SteeringGroup("Landelijke Stuurgroep Interventieteams", Id("steering-group"));
        foreach (var code in Partners)
        {
            var organisation = org(code);
            group.AddMember($"Stuurgroeplid {organisation.Name}", organisation, id: Id("member:" + code));
        }

        return group;
    }

    private static Covenant BuildCovenant(Func<string, Organisation> org)
    {
        var covenant = new Covenant(2017, "Samenwerkingsovereenkomst voor Interventieteams (convenant LSI)", Id("covenant:2017"));
        covenant.Conclude(CovenantSignedOn);
        covenant.Publish(PublicationReference);
        // Assumption: the letter lists no signatories; we record today's partners as signing on the anchor date.
        foreach (var code in Partners)
        {
            covenant.Sign(org(code), CovenantSignedOn, Id("covenant:2017:signatory:" + code));
        }

        return covenant;
    }

    private static Evaluation BuildEvaluation(Covenant covenant, Func<string, Organisation> org)
    {
        var evaluation = new Evaluation(covenant.Id, 2017, 2022, Id("evaluation:2017-2022"));
        evaluation.Commission("Berenschot",
        [
            "Samenwerking van partners binnen het convenant",
            "Wensen en behoeften van partners ten aanzien van het convenant en de samenwerking",
            "Toekomstbestendigheid van de LSI en de tekst van het convenant",
            "Gegevensuitwisseling en een aantal lopende wijkgerichte projecten",
        ]);
        evaluation.ReceiveReport("Eindrapport evaluatie convenant LSI 2017–2022 (bijlage bij de " + LetterTitle + ")");
        evaluation.Complete();

        Recommendation Add(string number, string title) =>
            evaluation.AddRecommendation(number, title, Id("recommendation:" + number));

        FollowUpAction Act(Recommendation r, string description, string? owner = null, DateOnly? dueOn = null) =>
            r.AddFollowUpAction(description, owner is null ? null : org(owner), dueOn, Id($"action:{r.Number}:{r.FollowUpActions.Count + 1}"));

        // Owners: the VNG where the letter names it; SZW, home of the LSI secretariat, for what the ministers
        // report on or coordinate (an assumption); none where the letter says the partners act together.
        Act(Add("1", "Een nieuwe waardepropositie"),
            "De partners hebben een gezamenlijke waardepropositie opgesteld (doelen en kernwaarden); die wordt voorgelegd aan een focusgroep. Over de uitkomst wordt de Kamer geïnformeerd bij de Stand van de uitvoering in juni 2024.",
            Organisations.Szw, ProgressReportJune2024).Begin();

        Add("2", "Randvoorwaarden voor effectieve en efficiënte samenwerking");
        Act(Add("2a", "Meerjarige uitvoeringsagenda"),
            "Meerjarenplan 2024–2027 opstellen met de thema's en fenomenen waar de LSI de komende jaren mee aan de slag gaat.",
            Organisations.Szw).Begin();
        var coordinator = Add("2b", "Onafhankelijke coördinator op het gebied van procesverantwoordelijkheid");
        Act(coordinator, "Een coördinator onafhankelijk van de LSI-partners aanstellen.")
            .Reject("Niet overgenomen: een functie onafhankelijk van de partners vraagt een wetswijziging. In plaats daarvan is de senior secretarisfunctie van de LSI op het ministerie van SZW met 1 fte uitgebreid.");
        Act(coordinator, "De senior secretarisfunctie van de LSI op het ministerie van SZW met 1 fte uitbreiden.", Organisations.Szw).Complete();
        Act(coordinator, "Rollen en verantwoordelijkheden van de (werk)groepen binnen de LSI verduidelijken.").Begin();
        Act(coordinator, "Werkafspraken opstellen over de verbinding tussen de lagen; projecten en werkgroepen worden geadopteerd door een lid van de Stuurgroep.").Begin();
        Act(Add("2c", "De rol van de Regionale Platforms Fraudebestrijding (RPF)"),
            "De VNG komt met een voorstel over welke rol de RPF in de toekomst zal vervullen.", Organisations.Vng);

        Add("3", "Kaders voor gegevensdeling");
        Act(Add("3a", "Bestuurlijke kaders voor gegevensdeling"),
            "De partners verduidelijken de bestaande kaders waarin zij samenwerken.").Begin();
        var dpias = Add("3b", "Model-privacyprotocol en standaard DPIA's voor projecten");
        Act(dpias, "Een vernieuwde gezamenlijke DPIA voor de wijkgerichte aanpak afronden en naar de Kamer sturen. Tot die klaar is starten geen nieuwe wijkgerichte aanpakken; gestarte projecten lopen door.",
            Organisations.Szw, EndOfQ1Of2024).Begin();
        Act(dpias, "Op basis van de vernieuwde DPIA een gezamenlijke DPIA voor fenomeengerichte projecten opstellen; tot dan wordt per project een (format)DPIA opgesteld.",
            Organisations.Szw);
        Act(Add("3c", "Externe inhoudelijke tegenspraak en denkkracht op thema gegevensdeling"),
            "Vervolgonderzoek op casuïstiek uit LSI-projecten: worden de waarborgen voor privacy en non-discriminatie in de praktijk toegepast? Start voor het einde van het jaar; de resultaten gaan naar de Kamer.",
            Organisations.Szw, EndOf2023);
        Act(Add("3d", "Externe communicatie"),
            "Een communicatiestrategie met een verbeterde website en actieve publicatie van documenten voor het einde van het jaar in gang zetten.",
            Organisations.Szw, EndOf2023);

        Act(Add("4", "Het nieuwe convenant"),
            "Het LSI-convenant actualiseren naar aanleiding van de evaluatie en de opvolging daarvan.", Organisations.Szw);
        return evaluation;
    }

    private static List<Commitment> BuildCommitments()
    {
        // Assumption: the January letter set no date for the report; we take the end of 2023.
        var report = new Commitment("Het eindrapport van de evaluatie van het convenant LSI naar de Kamer sturen.", JanuaryLetterTitle, EndOf2023, Id("commitment:evaluation-report"));
        report.Fulfil(LetterSentOn);
        return
        [
            report,
            new("De vernieuwde gezamenlijke DPIA voor de wijkgerichte aanpak naar de Kamer sturen (streven: eerste kwartaal 2024).", LetterTitle, EndOfQ1Of2024, Id("commitment:joint-dpia")),
            new("De Kamer informeren over de uitkomst van de focusgroep over de waardepropositie, bij de Stand van de uitvoering in juni 2024.", LetterTitle, ProgressReportJune2024, Id("commitment:focus-group")),
            new("Het vervolgonderzoek naar de toepassing van de waarborgen voor privacy en non-discriminatie gaat voor het einde van het jaar van start.", LetterTitle, EndOf2023, Id("commitment:follow-up-research")),
            new("De communicatiestrategie en de verbeterde website zijn voor het einde van het jaar in gang gezet.", LetterTitle, EndOf2023, Id("commitment:communication")),
            new("De resultaten van het vervolgonderzoek naar de waarborgen voor privacy en non-discriminatie naar de Kamer sturen wanneer het onderzoek is afgerond. De brief noemt geen datum; de uiterste datum (Stand van de uitvoering juni 2025) is een aanname en wordt verzet zodra de planning van het onderzoek bekend is.",
                LetterTitle, FollowUpResultsCheckpoint, Id("commitment:follow-up-results")),
        ];
    }

    private static MultiYearPlan BuildPlan(SteeringGroup steeringGroup)
    {
        var plan = new MultiYearPlan("Meerjarenplan LSI 2024–2027", 2024, 2027, Id("plan:2024-2027"));

        // The plan was still being written; these themes are the fields the letter and the value proposition name.
        plan.AddTheme("Sociale zekerheid", "Misbruik en oneigenlijk gebruik van de sociale zekerheid voorkomen en bestrijden.", Id("theme:sociale-zekerheid"));
        plan.AddTheme("Inkomensafhankelijke regelingen", "Onrechtmatig gebruik van inkomensafhankelijke regelingen.", Id("theme:inkomensafhankelijke-regelingen"));
        var labour = plan.AddTheme("Naleving van de arbeidswetten", "Een eerlijke arbeidsmarkt.", Id("theme:arbeidswetten"));
        plan.AddTheme("Belasting- en premiefraude", "Belasting- en premiefraude voorkomen en terugdringen.", Id("theme:belasting-premiefraude"));
        plan.AddTheme("Niet-gebruik van inkomensondersteuning", "De ambitie uit de waardepropositie om niet-gebruik te signaleren.", Id("theme:niet-gebruik"));
        // The letter names no phenomena; this one only shows the shape and is marked as an example.
        labour.AddPhenomenon("Schijnconstructies bij arbeid (voorbeeld)", "Voorbeeld; niet uit de brief.", Id("phenomenon:example"));

        // The letter dates these two ("eerste kwartaal van 2024", "juni 2024"); the others only have their year.
        plan.AddAgendaItem(2024, "Vernieuwde gezamenlijke DPIA wijkgerichte aanpak afronden en naar de Kamer sturen (eerste kwartaal)", id: Id("agenda:2024:dpia"), plannedOn: EndOfQ1Of2024);
        plan.AddAgendaItem(2024, "Uitkomst focusgroep waardepropositie bij de Stand van de uitvoering (juni)", id: Id("agenda:2024:focus-group"), plannedOn: ProgressReportJune2024);
        plan.AddAgendaItem(2024, "Rollen en verantwoordelijkheden van de (werk)groepen verduidelijken", id: Id("agenda:2024:roles"));
        plan.AddAgendaItem(2024, "Voorstel van de VNG over de toekomstige rol van de RPF", id: Id("agenda:2024:rpf"));

        plan.AddWorkAgreement("Adoptie door een stuurgroeplid",
            "Projecten en werkgroepen worden geadopteerd door een lid van de Stuurgroep, zodat beter gestuurd kan worden op voortgang en gemaakte afspraken.", Id("agreement:adoption"));
        plan.AddWorkAgreement("Verbinding tussen de lagen",
            "De werkafspraken hebben specifiek aandacht voor de verbinding tussen de bestuurlijke en de operationele lagen.", Id("agreement:layers"));
        plan.AddWorkAgreement("Geen nieuwe wijkgerichte aanpakken",
            "Zolang de vernieuwde gezamenlijke DPIA niet is vastgesteld, starten geen nieuwe wijkgerichte aanpakken; projecten die al gestart zijn lopen door.", Id("agreement:dpia-moratorium"));

        // The letter names no working groups; this one is an example of an adopted group.
        plan.AddWorkingGroup("Werkgroep gegevensdeling (voorbeeld)", steeringGroup.Members.First(), Id("working-group:example"));

        foreach (var year in plan.Years)
        {
            plan.PlanProgressReport(year, Id($"progress-report:{year}"));
        }

        return plan;
    }

    private static List<Milestone> BuildMilestones(Covenant covenant, MultiYearPlan plan)
    {
        var signed = new Milestone("Convenant LSI 2017 ondertekend", CovenantSignedOn, MilestoneSubject.CovenantCycle, covenant.Id, Id("milestone:covenant-2017"));
        signed.Reach(CovenantSignedOn);
        // Due one interval after signing; it was reached when the report went to parliament with the letter.
        var evaluated = new Milestone("Evaluatie convenant 2017–2022 afgerond", CovenantSignedOn.AddYears(covenant.EvaluationIntervalYears), MilestoneSubject.CovenantCycle, covenant.Id, Id("milestone:evaluation-2022"));
        evaluated.Reach(LetterSentOn);
        var next = new Milestone("Volgende evaluatie convenant", covenant.NextEvaluationDue(LetterSentOn), MilestoneSubject.CovenantCycle, covenant.Id, Id("milestone:evaluation-2027"));

        return
        [
            signed,
            evaluated,
            next,
            .. plan.ProgressReports.Select(r =>
                new Milestone($"Stand van de uitvoering {r.Year}", r.PlannedOn, MilestoneSubject.MultiYearPlan, plan.Id, Id($"milestone:progress-report:{r.Year}"))),
        ];
    }
}
