using System.Text;
using Overseer.Api.Workflows.Parsing;

namespace Overseer.Api.Tests.Workflows;

public sealed class ShapeCheckerTests
{
    private static IDictionary<string, string[]> Problems(string yaml) =>
        Assert.Throws<DocumentException>(() => WorkflowReader.Read(Encoding.UTF8.GetBytes(yaml), "application/yaml")).Problems;

    [Fact]
    public void Every_unknown_and_mistyped_field_is_reported_in_one_answer()
    {
        var problems = Problems("""
            apiVersion: jobsmanager.raczylo.com/v1beta1
            kind: ManagedJob
            metadata: {name: six, labels: [not-a-map]}
            spec:
              retries: many
              colour: blue
              params: {env: {name: X}, tolerations: []}
              groups:
                - name: g
                  parallel: maybe
                  jobs:
                    - {name: a, image: busybox, args: echo, shell: bash}
            """);

        Assert.Equal(new Dictionary<string, string[]>
        {
            ["metadata.labels"] = ["has the wrong type: expected a mapping"],
            ["spec.retries"] = ["has the wrong type: expected a whole number"],
            ["spec.colour"] = ["is not a known field"],
            ["spec.params.env"] = ["has the wrong type: expected a list"],
            ["spec.params.tolerations"] = ["is not a known field"],
            ["spec.groups[0].parallel"] = ["has the wrong type: expected true or false"],
            ["spec.groups[0].jobs[0].args"] = ["has the wrong type: expected a list"],
            ["spec.groups[0].jobs[0].shell"] = ["is not a known field"],
        }, problems);
    }

    [Fact]
    public void Metadata_a_cluster_adds_and_yaml_scalars_for_strings_are_accepted()
    {
        var doc = WorkflowReader.Read(Encoding.UTF8.GetBytes("""
            apiVersion: jobsmanager.raczylo.com/v1beta1
            kind: ManagedJob
            metadata: {name: ok, uid: 1f2e, generation: 4, managedFields: [{manager: kubectl}]}
            spec:
              retries: "2"
              params: {env: [{name: N, value: 10}, {name: B, value: true}]}
              groups: [{name: g, jobs: [{name: a, image: busybox, args: [sleep, 1]}]}]
            """), "application/yaml");

        Assert.Equal(2, doc.Spec!.Retries);
        Assert.Equal(["sleep", "1"], doc.Spec.Groups![0].Jobs![0].Args);
    }
}
