using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using SdeDsl.Cli;
using SdeDsl.Cli.Commands;

// Ctrl+C (SIGINT) cancels the running command, which stops its ensembles at their next check, writes what finished and
// exits 130; a second Ctrl+C ends the process at once. SIGTERM (a CI timeout, docker stop) does the same, so that a
// stopped replicate leaves a results.json marked as cancelled, not one that reads as a success.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture; // the worker threads' too (see CommandLineApp.RunAsync)
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
using var cancellation = new CancellationTokenSource();
void Cancel(PosixSignalContext context)
{
    context.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
return await CommandLineApp.RunAsync(args, AppIO.FromProcess(), cancellation.Token).ConfigureAwait(false);
