using System.Text.RegularExpressions;

namespace Disambig.Dashboard.Security;

/// <summary>
/// Masks the secret parts of storage connection strings and SAS URLs (account keys, signatures, passwords)
/// in any text bound for a log, an error or a page.
/// </summary>
public static partial class SecretRedaction
{
    public const string Mask = "***";

    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : SecretPattern().Replace(text, match => $"{match.Groups["key"].Value}={Mask}");

    [GeneratedRegex(@"(?<key>AccountKey|SharedAccessSignature|SharedAccessKey|AccessKey|Password|Pwd|sig)=(?<value>[^;&\s""']+)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPattern();
}
