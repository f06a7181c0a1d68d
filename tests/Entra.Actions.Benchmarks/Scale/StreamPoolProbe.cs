using System.Reflection;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// Diagnostic only: the free buffers that <c>Microsoft.IO.RecyclableMemoryStreamManager</c> instances in static fields of the loaded
/// assemblies keep (Kiota's serialisers use one; its pools have no cap by default, so they keep what the busiest moment needed).
/// Those bytes are part of the live heap the bulk-add figure reports. Found by reflection, so nothing depends on the library's
/// internals: when no such manager is loaded the probe reports nothing.
/// </summary>
internal static class StreamPoolProbe
{
    private const string ManagerTypeName = "Microsoft.IO.RecyclableMemoryStreamManager";

    /// <summary>Free bytes in the small and large pools of every such manager, or <see langword="null"/> when there is none.</summary>
    public static long? FreePooledBytes()
    {
        long? total = null;
        foreach (var manager in Managers())
        {
            total = (total ?? 0) + Read(manager, "SmallPoolFreeSize") + Read(manager, "LargePoolFreeSize");
        }

        return total;
    }

    private static IEnumerable<object> Managers()
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("Microsoft.Kiota", StringComparison.Ordinal) == true))
        {
            foreach (var type in LoadableTypes(assembly).Where(t => !t.ContainsGenericParameters))
            {
                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    if (field.FieldType.FullName == ManagerTypeName && field.GetValue(null) is { } manager && seen.Add(manager))
                    {
                        yield return manager;
                    }
                }
            }
        }
    }

    private static long Read(object manager, string property) =>
        manager.GetType().GetProperty(property)?.GetValue(manager) is long value ? value : 0;

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }
}
