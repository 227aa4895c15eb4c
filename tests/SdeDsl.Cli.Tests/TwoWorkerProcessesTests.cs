using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>
/// tests/Distributed/two-workers.sh, as a user runs it: two real <c>sdedsl worker</c> processes on localhost, a
/// simulation through them and the same one in process, the CSV files compared byte for byte — here with a model the
/// project never saw, compiled by the real generator into a library both workers load by path (<c>--assembly</c>).
/// </summary>
public sealed class TwoWorkerProcessesTests
{
    /// <summary>The script's own guard is 45 s per worker start; this only ends a run that hangs past every guard.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(3);

    [Fact]
    public void Script_TwoWorkerProcesses_GiveTheLocalBits_ForAHeldOutModel()
    {
        string script = Path.Combine(DocsTests.Repository(), "tests", "Distributed", "two-workers.sh");
        // The tool as built beside this test (the project reference): its runtimeconfig and deps files are here too.
        string tool = Path.Combine(AppContext.BaseDirectory, "SdeDsl.Cli.dll");
        Assert.True(File.Exists(tool), tool);
        (int code, string output) = RunScript(script, tool, FreePorts(4),
            "GainSgd", "--assembly", UserAssemblyTests.Library.Value, "--set", "Eta=0.01,Gain=2", "--objective", "quadratic:1",
            "--noise", "gaussian:1", "--x0", "2", "--paths", "4096", "--steps", "100", "--record-every", "25");
        Assert.True(code == 0, output);
        Assert.Contains("PASS: two workers gave the bits of the local run (GainSgd.csv", output, StringComparison.Ordinal);
        // Both runs (optimizer and SDE), 8 items each, and both workers took part.
        Assert.Contains("cluster: 16 work items on 2 workers", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the script; the script stops its workers on every exit, and the whole process tree is killed here
    /// too if it is still running (a hang, or a failed assertion's unwinding), so no worker outlives the test.</summary>
    private static (int Code, string Output) RunScript(string script, string tool, int[] ports, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SDEDSL"] = $"dotnet {tool}";
        start.Environment["SDEDSL_PORTS"] = string.Join(' ', ports);
        start.Environment["WORK_ITEM_PATHS"] = "512";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(Hang))
            {
                lock (output)
                {
                    output.AppendLine($"(the script still ran after {Hang.TotalMinutes} min: killed)");
                }

                return (-1, output.ToString());
            }

            process.WaitForExit(); // the output's end
            lock (output)
            {
                return (process.ExitCode, output.ToString());
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Ports nothing listens on now: bound to port 0 together (so they differ), then released for the workers.
    /// Another process could take one in between; the script then starts its workers again on ports of its own.</summary>
    private static int[] FreePorts(int count)
    {
        TcpListener[] listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
