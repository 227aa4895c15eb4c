using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using SdeDsl.Runs;

namespace SdeDsl.Distributed;

/// <summary>
/// The model catalog a worker or client uses: the built-in catalog plus user assemblies, loaded once per process from
/// paths every machine can read (a shared folder, or the same path in every container image).
/// </summary>
public static class Catalogs
{
    private static readonly ConcurrentDictionary<string, ModelCatalog> Cache = new(StringComparer.Ordinal);

    /// <summary>The catalog of SdeDsl.Optimizers and <paramref name="assemblyPaths"/>.</summary>
    /// <exception cref="ArgumentException">An assembly cannot be read here; the message names its path.</exception>
    public static ModelCatalog For(IReadOnlyList<string> assemblyPaths)
    {
        ArgumentNullException.ThrowIfNull(assemblyPaths);
        return Cache.GetOrAdd(string.Join('\n', assemblyPaths), _ =>
        {
            var assemblies = new List<Assembly> { typeof(Optimizers.SignSgd).Assembly };
            foreach (string path in assemblyPaths)
            {
                string full = Path.GetFullPath(path);
                if (!File.Exists(full))
                {
                    throw new ArgumentException($"the model assembly '{path}' does not exist on {Environment.MachineName}: give a path every worker can read.", "assemblies");
                }

                try
                {
                    assemblies.Add(Assembly.LoadFrom(full));
                }
                catch (Exception e) when (e is BadImageFormatException or FileLoadException)
                {
                    // An argument error fails the run at once; any other exception would be taken for a failing silo
                    // and retried on every worker.
                    throw new ArgumentException($"the model assembly '{path}' cannot be loaded on {Environment.MachineName}: {e.Message}", "assemblies", e);
                }
            }

            return new ModelCatalog(assemblies);
        });
    }
}
