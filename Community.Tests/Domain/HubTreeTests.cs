using Community.Domain.Threads;

namespace Community.Tests.Domain;

public class HubTreeTests
{
    // Smartphones (1) > Apple (2) > iPhone 16 (3); Smartphones > Samsung (4); Contracts (5).
    private static readonly (int Id, int? ParentId)[] Hubs = [(1, null), (2, 1), (3, 2), (4, 1), (5, null)];

    [Theory]
    [InlineData(new[] { 1 }, new[] { 1, 2, 4, 3 })]
    [InlineData(new[] { 2 }, new[] { 2, 3 })]
    [InlineData(new[] { 3, 5 }, new[] { 3, 5 })]
    [InlineData(new[] { 2, 1 }, new[] { 2, 1, 3, 4 })]
    [InlineData(new int[0], new int[0])]
    public void A_hub_stands_for_itself_and_every_hub_below_it_once(int[] roots, int[] expected) =>
        Assert.Equal(expected, HubTree.WithDescendants(Hubs, roots));

    [Fact]
    public void A_cycle_in_the_data_does_not_loop_forever() =>
        Assert.Equal([1, 2], HubTree.WithDescendants([(1, 2), (2, 1)], [1]));
}
