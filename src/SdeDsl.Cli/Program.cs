using SdeDsl.Cli;
using SdeDsl.Cli.Commands;

return await CommandLineApp.RunAsync(args, AppIO.FromProcess()).ConfigureAwait(false);
