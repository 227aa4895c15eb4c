using System;
using System.CommandLine;
using System.Net;
using SdeDsl.Distributed;

namespace SdeDsl.Cli.Commands;

/// <summary><c>sdedsl worker</c>: runs an Orleans silo that executes work items of distributed runs until Ctrl+C.</summary>
internal static class WorkerCommand
{
    public static Command Build(AppIO io)
    {
        var address = new Option<string>("--address") { Description = "The address other workers and clients reach this one at.", DefaultValueFactory = _ => "127.0.0.1" };
        var siloPort = new Option<int>("--silo-port") { Description = "The silo-to-silo port.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The port clients (--cluster) connect to.", DefaultValueFactory = _ => 30000 };
        var primary = new Option<string?>("--primary") { Description = "The primary worker's host:silo-port; omit on the primary itself." };
        var clusterId = new Option<string>("--cluster-id") { Description = "The cluster's id, shared by its workers and clients.", DefaultValueFactory = _ => "sdedsl" };
        var command = new Command("worker", "Run a worker (an Orleans silo) for 'simulate/replicate --cluster', until Ctrl+C. Models from user assemblies are loaded from the paths the client gives, which this machine must be able to read.")
        {
            address, siloPort, gatewayPort, primary, clusterId,
        };
        command.SetAction((parse, cancellationToken) => System.Threading.Tasks.Task.FromResult(CommandLineApp.Guard(io, parse, () =>
        {
            if (!IPAddress.TryParse(parse.GetValue(address), out IPAddress? ip))
            {
                throw new ArgumentException($"'{parse.GetValue(address)}' is not an IP address.", "--address");
            }

            IPEndPoint? primaryEndpoint = null;
            if (parse.GetValue(primary) is { } text)
            {
                (_, IPEndPoint[] endpoints) = Cluster.Parse(text);
                primaryEndpoint = endpoints[0];
            }

            var options = new WorkerOptions
            {
                Address = ip, SiloPort = parse.GetValue(siloPort), GatewayPort = parse.GetValue(gatewayPort), Primary = primaryEndpoint, ClusterId = parse.GetValue(clusterId)!,
            };
            Cluster.RunWorkerAsync(options, line => io.Out.WriteLine(line), cancellationToken).GetAwaiter().GetResult();
            io.Out.WriteLine("worker stopped.");
            return ExitCodes.Success;
        })));
        return command;
    }
}
