namespace Overseer.AppHost.Publish.Values;

/// <summary><c>persistence.*</c>: the embedded PostgreSQL's volume (an existing claim, or one per StatefulSet replica).</summary>
internal sealed record PersistenceOptions(string ExistingClaim, string Size, string StorageClass)
{
    public static PersistenceOptions Read(ValuesSection s)
    {
        var persistence = new PersistenceOptions(
            s.String("existingClaim", "", Names.Dns1123Subdomain),
            s.String("size", "8Gi", Quantity.Check),
            s.String("storageClass", "", Names.Dns1123Subdomain));
        if (persistence.ExistingClaim.Length > 0 && persistence.StorageClass.Length > 0)
        {
            s.Error("storageClass", "is not used with persistence.existingClaim (the claim already has its class); remove one of them");
        }
        return persistence;
    }
}
