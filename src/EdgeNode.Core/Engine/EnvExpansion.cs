using System.Text;

namespace EdgeNode.Core.Engine;

/// <summary>
/// Kubernetes <c>$(VAR)</c> expansion in env values, command and args: a defined variable is replaced,
/// <c>$$</c> escapes a <c>$</c>, and an undefined reference is left as written.
/// </summary>
public static class EnvExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }
        var result = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                result.Append(c);
                continue;
            }
            var next = input[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
                continue;
            }
            if (next == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close > i + 2)
                {
                    var name = input.Substring(i + 2, close - i - 2);
                    var value = lookup(name);
                    result.Append(value ?? input.Substring(i, close - i + 1));
                    i = close;
                    continue;
                }
            }
            result.Append(c);
        }
        return result.ToString();
    }
}
