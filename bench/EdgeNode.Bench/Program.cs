using EdgeNode.Bench;

// Measures a running `edgenode run` (started by bench/run): pod start latency, memory, CPU, binary sizes.
// Prints its figures; nothing here is asserted. Usage: see BenchOptions.Usage.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"EdgeNode.Bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

try
{
    await new Benchmark(options, Console.Out).RunAsync();
    return 0;
}
catch (BenchException e)
{
    Console.Error.WriteLine($"EdgeNode.Bench: {e.Message}");
    return 1;
}
