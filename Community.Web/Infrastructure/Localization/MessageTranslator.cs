using Community.Domain;
using Microsoft.Extensions.Localization;

namespace Community.Web.Infrastructure.Localization;

/// <summary>
/// Shows a message from a rule, a validator or a lookup (a template with arguments, see <see cref="UiMessage"/>) in
/// the reader's language: the template is the key of its translations, the arguments are formatted for the reader.
/// </summary>
public sealed class MessageTranslator(IStringLocalizer<SharedResource> localizer, DisplayTime times)
{
    public string Translate(UiMessage message) => UiMessages.Render(localizer, times, message.Template, message.Arguments, message.Text);

    public string Translate(DomainException e) => Translate(e.Refusal);
}
