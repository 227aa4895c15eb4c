using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using SdeDsl.Runs;

namespace SdeDsl.Distributed;

/// <summary>
/// The model catalog a worker or client uses: the built-in catalog plus user assemblies, from paths every machine can
/// read (a shared folder, or the same path in every container image). A catalog is kept per content of its assemblies,
/// not per path: a worker lives long, and a model rebuilt at the same path must be run as rebuilt, not as the build
/// the worker met first.
/// </summary>
public static class Catalogs
{
    // Keyed by each path with the SHA-256 of its bytes. Lazy: two work items that ask at once load one copy.
    private static readonly ConcurrentDictionary<string, Lazy<ModelCatalog>> Cache = new(StringComparer.Ordinal);

    /// <summary>The catalog of SdeDsl.Optimizers and <paramref name="assemblyPaths"/>, as the files are now.</summary>
    /// <exception cref="ArgumentException">An assembly cannot be read or loaded here; the message names its path.</exception>
    public static ModelCatalog For(IReadOnlyList<string> assemblyPaths) => For(assemblyPaths, null, out _);

    /// <summary>The catalog of SdeDsl.Optimizers and <paramref name="assemblyPaths"/>, and the SHA-256 of each file as
    /// read (hex), to pin a distributed run's items to these builds; with <paramref name="expectedHashes"/>, refuses a
    /// file whose bytes are not those.</summary>
    /// <exception cref="ArgumentException">An assembly cannot be read or loaded here, or is not the build expected.</exception>
    internal static ModelCatalog For(IReadOnlyList<string> assemblyPaths, IReadOnlyList<string>? expectedHashes, out string[] hashes)
    {
        ArgumentNullException.ThrowIfNull(assemblyPaths);
        var images = new List<(string Path, string Full, byte[] Bytes)>(assemblyPaths.Count);
        var key = new List<string>(assemblyPaths.Count);
        hashes = new string[assemblyPaths.Count];
        for (int i = 0; i < assemblyPaths.Count; i++)
        {
            string path = assemblyPaths[i];
            string full = Path.GetFullPath(path);
            byte[] bytes = Read(path, full);
            images.Add((path, full, bytes));
            hashes[i] = Convert.ToHexString(SHA256.HashData(bytes));
            if (expectedHashes is not null && (i >= expectedHashes.Count || !string.Equals(expectedHashes[i], hashes[i], StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"the model assembly '{path}' on {Environment.MachineName} is not the build the run started with "
                    + "(it was rebuilt during the run, or differs between machines): give every worker the same file, and run again.", "assemblies");
            }

            key.Add(full + "\n" + hashes[i]);
        }

        string cacheKey = string.Join('\n', key);
        Lazy<ModelCatalog> catalog = Cache.GetOrAdd(cacheKey, _ => new Lazy<ModelCatalog>(() => Load(images)));
        try
        {
            return catalog.Value;
        }
        catch
        {
            Cache.TryRemove(new KeyValuePair<string, Lazy<ModelCatalog>>(cacheKey, catalog)); // the next call tries again
            throw;
        }
    }

    private static byte[] Read(string path, string full)
    {
        if (!File.Exists(full))
        {
            throw new ArgumentException($"the model assembly '{path}' does not exist on {Environment.MachineName}: give a path every worker can read.", "assemblies");
        }

        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"the model assembly '{path}' cannot be read on {Environment.MachineName}: {e.Message}", "assemblies", e);
        }
    }

    /// <summary>Loads the images into a load context of their own (a build of an assembly already loaded under the same
    /// name would otherwise be given the old one), from their bytes (so the file is not held open or mapped, and can be
    /// rebuilt in place while a worker runs).</summary>
    private static ModelCatalog Load(List<(string Path, string Full, byte[] Bytes)> images)
    {
        var assemblies = new List<Assembly> { typeof(Optimizers.SignSgd).Assembly };
        if (images.Count == 0)
        {
            return new ModelCatalog(assemblies);
        }

        var context = new ModelLoadContext(images.ConvertAll(static i => Path.GetDirectoryName(i.Full)!));
        foreach ((string path, _, byte[] bytes) in images)
        {
            try
            {
                using var image = new MemoryStream(bytes, writable: false);
                assemblies.Add(context.LoadFromStream(image));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException)
            {
                // An argument error fails the run at once.
                throw new ArgumentException($"the model assembly '{path}' cannot be loaded on {Environment.MachineName}: {e.Message}", "assemblies", e);
            }
        }

        return new ModelCatalog(assemblies);
    }

    /// <summary>
    /// The load context of one set of model assemblies. What the host has (SdeDsl, the framework) comes from the host,
    /// so that a model's attributes and interfaces are the engine's; any other reference is looked for next to the
    /// model assemblies, as <see cref="Assembly.LoadFrom(string)"/> did. Not collectible: a rebuilt model leaves its old
    /// build loaded, a few hundred kilobytes a build, until the worker restarts.
    /// </summary>
    private sealed class ModelLoadContext : AssemblyLoadContext
    {
        private readonly IReadOnlyList<string> _directories;

        public ModelLoadContext(IReadOnlyList<string> directories)
            : base("sdedsl models", isCollectible: false)
        {
            _directories = directories;
            Resolving += FromModelDirectories;
        }

        protected override Assembly? Load(AssemblyName assemblyName) => null; // the host's first

        private Assembly? FromModelDirectories(AssemblyLoadContext context, AssemblyName name)
        {
            foreach (string directory in _directories)
            {
                string candidate = Path.Combine(directory, name.Name + ".dll");
                if (File.Exists(candidate))
                {
                    using var image = new MemoryStream(File.ReadAllBytes(candidate), writable: false);
                    return context.LoadFromStream(image);
                }
            }

            return null;
        }
    }
}
