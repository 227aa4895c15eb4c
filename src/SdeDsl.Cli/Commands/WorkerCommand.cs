using System;
using System.CommandLine;
using System.Net;
using SdeDsl.Distributed;

namespace SdeDsl.Cli.Commands;

/// <summary><c>sdedsl worker</c>: runs an Orleans silo that executes work items of distributed runs until Ctrl+C or SIGTERM.</summary>
internal static class WorkerCommand
{
    public static Command Build(AppIO io)
    {
        var address = new Option<string>("--address") { Description = "The address other workers and clients reach this one at: an IP address or a host name (its IPv4 address).", DefaultValueFactory = _ => "127.0.0.1" };
        var siloPort = new Option<int>("--silo-port") { Description = "The silo-to-silo port.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "The port clients (--cluster) connect to.", DefaultValueFactory = _ => 30000 };
        var primary = new Option<string?>("--primary") { Description = "Development clustering: the primary worker's host:silo-port; omit on the primary itself." };
        var cluster = new Option<string?>("--cluster") { Description = "Redis clustering instead of a primary: [ID@]redis://HOST[:PORT][,OPTION=VALUE…]; every worker registers there." };
        var clusterId = new Option<string>("--cluster-id") { Description = "The cluster's id, shared by its workers and clients (or ID@ in --cluster).", DefaultValueFactory = _ => ClusterSpec.DefaultClusterId };
        var workItems = new Option<int>("--work-items") { Description = "Work items this worker runs at once (default: one per core).", DefaultValueFactory = _ => 0 };
        var command = new Command("worker", Help())
        {
            address, siloPort, gatewayPort, primary, cluster, clusterId, workItems,
        };
        command.SetAction((parse, cancellationToken) => System.Threading.Tasks.Task.FromResult(CommandLineApp.Guard(io, parse, () =>
        {
            IPAddress ip = ClusterSpec.Resolve(parse.GetValue(address)!, "--address");
            ArgumentParsing.AtLeast(parse.GetValue(workItems), 0, "--work-items");
            foreach (Option<int> port in new[] { siloPort, gatewayPort })
            {
                if (parse.GetValue(port) is < 1 or > 65535)
                {
                    throw new ArgumentException($"{parse.GetValue(port)} is not a port (1…65535).", port.Name);
                }
            }

            IPEndPoint? primaryEndpoint = null;
            if (parse.GetValue(primary) is { } text)
            {
                ClusterSpec primarySpec;
                try
                {
                    primarySpec = ClusterSpec.Parse(text);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException(CommandLineApp.Message(e), "--primary", e); // the spec's own words, under the option given
                }

                if (primarySpec.Redis is not null || primarySpec.Gateways.Count != 1)
                {
                    throw new ArgumentException($"'{text}' is not one host:silo-port.", "--primary");
                }

                primaryEndpoint = primarySpec.Gateways[0];
            }

            string id = parse.GetValue(clusterId)!;
            string? redis = null;
            if (parse.GetValue(cluster) is { } specText)
            {
                ClusterSpec spec = ClusterSpec.Parse(specText);
                if (spec.Redis is null)
                {
                    throw new ArgumentException($"'{specText}': a worker's --cluster is a Redis server, [ID@]redis://HOST[:PORT]; for development clustering give --primary.", "--cluster");
                }

                if (primaryEndpoint is not null)
                {
                    throw new ArgumentException("give either --cluster redis://… or --primary, not both.", "--cluster");
                }

                if (spec.ClusterId != ClusterSpec.DefaultClusterId && id != ClusterSpec.DefaultClusterId && id != spec.ClusterId)
                {
                    throw new ArgumentException($"the cluster id is '{spec.ClusterId}' in --cluster but '{id}' in --cluster-id.", "--cluster-id");
                }

                (redis, id) = (spec.Redis, spec.ClusterId != ClusterSpec.DefaultClusterId ? spec.ClusterId : id);
            }

            var options = new WorkerOptions
            {
                Address = ip, SiloPort = parse.GetValue(siloPort), GatewayPort = parse.GetValue(gatewayPort), Primary = primaryEndpoint, ClusterId = id,
                Redis = redis, WorkItems = parse.GetValue(workItems),
            };
            Cluster.RunWorkerAsync(options, line => io.Out.WriteLine(line), cancellationToken).GetAwaiter().GetResult();
            io.Out.WriteLine("worker stopped.");
            return ExitCodes.Success;
        })));
        return command;
    }

    private static string Help() =>
        "Run a worker (an Orleans silo) for 'simulate/replicate --cluster', until Ctrl+C or SIGTERM. "
        + "A cluster is either development clustering — one primary worker, the others started with --primary HOST:SILO-PORT, "
        + "clients name gateways: --cluster [ID@]HOST:GATEWAY-PORT[,…] — or Redis clustering — every worker and client given "
        + "--cluster [ID@]redis://HOST[:PORT][,OPTION=VALUE…]. --cluster SPEC: " + ClusterSpec.Grammar + " "
        + "Models from user assemblies are loaded from the paths the client gives (--assembly), which this machine must be able to read.";
}
