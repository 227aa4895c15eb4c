using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// Snapshot testing in Verify's file convention: the expected text lives in <c>Snapshots/Name.verified.cs</c>; on a
/// mismatch the actual text is written to <c>Name.received.cs</c> beside it and the test fails. Set the environment
/// variable <c>SDEDSL_ACCEPT_SNAPSHOTS=1</c> to accept the received text as the new verified one. The generator's
/// version in <c>GeneratedCode</c> is scrubbed to <c>{version}</c>, as Verify's scrubbers do, so that a new version
/// number does not change every snapshot (<c>SnapshotTests</c> checks the version itself).
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "SDEDSL_ACCEPT_SNAPSHOTS";

    private static readonly Regex VersionStamp = new(@"GeneratedCode\(""SdeDsl\.Generators"", ""[^""]*""\)", RegexOptions.CultureInvariant);

    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = VersionStamp.Replace(actual.Replace("\r\n", "\n"), "GeneratedCode(\"SdeDsl.Generators\", \"{version}\")");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
        if (verified == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(verified is null
            ? $"No snapshot {verifiedPath}; the output was written to {receivedPath}. Review it and run with {AcceptVariable}=1 to accept."
            : $"The output differs from {verifiedPath}; it was written to {receivedPath}. Diff the two, and run with {AcceptVariable}=1 to accept.");
    }
}
