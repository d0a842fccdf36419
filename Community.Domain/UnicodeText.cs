using System.Text;

namespace Community.Domain;

/// <summary>
/// Text from a form or an API call may hold code points that are not characters: noncharacters such as U+FFFE and
/// surrogates without their pair. .NET's Unicode normalization refuses them with an exception, so every place that
/// normalizes user text first replaces them with a space. NUL is dropped: it is never text, and PostgreSQL refuses it.
/// </summary>
public static class UnicodeText
{
    public static string Clean(string text)
    {
        if (IsClean(text)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                sb.Append(IsNonCharacter(cp) ? " " : text.AsSpan(i, 2));
                i++;
            }
            // NUL is never text (PostgreSQL refuses it in a string): it is dropped.
            else if (c != '\0') sb.Append(char.IsSurrogate(c) || IsNonCharacter(c) ? ' ' : c);
        }
        return sb.ToString();
    }

    /// <summary>The text without NUL characters (PostgreSQL refuses them in text), everything else as it is.</summary>
    public static string WithoutNul(string text) => text.Contains('\0') ? text.Replace("\0", "") : text;

    /// <summary>The text composed (NFC), after <see cref="Clean"/>: "U" + combining diaeresis becomes "Ü".</summary>
    public static string Composed(string text)
    {
        var clean = Clean(text);
        return clean.IsNormalized(NormalizationForm.FormC) ? clean : clean.Normalize(NormalizationForm.FormC);
    }

    private static bool IsClean(string text)
    {
        foreach (var c in text)
            if (char.IsSurrogate(c) || c is >= '\uFDD0' and <= '\uFDEF' || c is '\uFFFE' or '\uFFFF' or '\0') return false;
        return true;
    }

    private static bool IsNonCharacter(int cp) => cp is >= 0xFDD0 and <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
}
