using EdgeNode.Core.Leases;

namespace EdgeNode.Testing;

/// <summary>One call the code under test made on <see cref="FakeLeaseApi"/>.</summary>
/// <param name="Method">The interface method's name, e.g. <see cref="FakeLeaseApi.Update"/>.</param>
/// <param name="Name">The Lease's name.</param>
/// <param name="Lease">A copy of the Lease sent with a create or update.</param>
public sealed record FakeLeaseApiCall(string Method, string Name, Lease? Lease = null);
