using System.Reflection;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Features.Publications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using Mediator;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Who may send a use case is declared on its message and checked in the pipeline, so a page or a job that sends
/// it directly meets the same rule as the API.
/// </summary>
public sealed class MessageAccessTests(HostFixture host) : HostTest(host)
{
    private static readonly Actor Partner = new("partner.uwv", "UWV", new HashSet<string> { Roles.Partner });

    [Fact]
    public void Every_message_says_who_may_send_it_and_carries_its_sender()
    {
        var messages = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMessage).IsAssignableFrom(t) && !typeof(INotification).IsAssignableFrom(t))
            .ToList();
        Assert.True(messages.Count > 60, $"only {messages.Count} messages found");
        Assert.All(messages, message =>
        {
            Assert.True(typeof(IActorMessage).IsAssignableFrom(message), $"{message.Name} carries no actor");
            var allowed = message.GetCustomAttribute<AllowedAttribute>();
            Assert.True(allowed is not null, $"{message.Name} does not say who may send it");
            // An unknown policy name would throw here rather than let anyone through.
            Policies.Allows(allowed!.Policy, Actors.Secretary);
        });
    }

    [Fact]
    public async Task A_message_sent_without_the_api_is_refused_to_a_partner_and_to_the_system_and_allowed_to_the_secretary()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new ListInstances(Partner)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new ListInstances(Actor.System)));
        await Assert.ThrowsAsync<UnauthorizedException>(() => Host.SendAsync(new ListInstances(Actor.Anonymous)));
        Assert.NotNull(await Host.SendAsync(new ListInstances(Actors.Secretary)));
    }

    [Fact]
    public async Task A_person_cannot_pass_for_the_system_by_their_user_name()
    {
        var namedLikeTheSystem = new Actor(Actor.System.UserName, null, new HashSet<string>());

        Assert.False(namedLikeTheSystem.IsSystem);
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new PublishDocument("Notitie", "Kamerbrief", null, null, namedLikeTheSystem)));
    }

    [Fact]
    public async Task Public_messages_are_answered_for_anonymous_visitors()
    {
        Assert.NotNull(await Host.SendAsync(new ListPublications(Actor.Anonymous)));
    }
}
