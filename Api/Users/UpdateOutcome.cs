namespace Overseer.Api.Users;

/// <summary>What <see cref="UserStore.UpdateAsync"/> did.</summary>
internal enum UpdateOutcome
{
    Updated,
    NotFound,
    LastAdmin,
}
