using System.Net;
using System.Text;

namespace Entra.Actions.Benchmarks.Micro;

/// <summary>Answers every request with the same user, as Graph would: the cheapest possible "server", so client overhead shows.</summary>
internal sealed class CannedUserHandler : HttpMessageHandler
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """
        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,givenName,surname,mail,userPrincipalName,jobTitle)/$entity",
         "id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","displayName":"Adele Vance","givenName":"Adele","surname":"Vance",
         "mail":"AdeleV@contoso.com","userPrincipalName":"AdeleV@contoso.com","jobTitle":"Retail Manager"}
        """);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; odata.metadata=minimal");
        response.Headers.TryAddWithoutValidation("request-id", "5b1c0de0-0000-4000-8000-000000000001");
        return Task.FromResult(response);
    }
}
