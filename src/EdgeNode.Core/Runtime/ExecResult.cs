namespace EdgeNode.Core.Runtime;

public sealed record ExecResult(int ExitCode, string Stdout, string Stderr);
