namespace Overseer.Api.Tests.Workflows;

/// <summary>Workflow documents used by several tests.</summary>
public static class WorkflowSamples
{
    /// <summary>
    /// The structure of jobs-manager-operator's <c>managedjob-sample</c> (same names, flags and params), written out
    /// here in flow style: it must compile to the tree the operator's README prints.
    /// </summary>
    public const string ManagedJobSample = Overseer.Testing.Conformance.ManagedJobFixtures.Sample;

    /// <summary>The tree the operator prints for that sample.</summary>
    public const string ManagedJobSampleTree = """
        managedjob-sample
        ├── first-group
        │   ├── first-job
        │   ├── second-job
        │   │   └── Depends on: managedjob-sample-first-group-first-job
        │   └── second-half-job
        │       ├── Depends on: managedjob-sample-first-group-first-job
        │       └── Depends on: managedjob-sample-first-group-second-job
        ├── second-group
        │   ├── third-job
        │   └── fourth-job
        │       └── Depends on: managedjob-sample-second-group-third-job
        └── third-group
            ├── fifth-job
            ├── Depends on group: first-group
            └── Depends on group: second-group

        """;

    /// <summary>
    /// A ManagedJob whose names are not DNS-1123 labels (dots, upper case, an underscore), with dependencies written
    /// with those names: the operator lowercases such names, Overseer derives labels and keeps these for display.
    /// </summary>
    public const string DottedNames = """
        apiVersion: jobsmanager.raczylo.com/v1beta1
        kind: ManagedJob
        metadata:
          name: etl.nightly
        spec:
          retries: 0
          groups:
            - name: Extract
              jobs:
                - name: Users.Table
                  image: busybox:1.36
                  args: [echo, users]
                - name: orders
                  image: busybox:1.36
                  args: [echo, orders]
                  parallel: true
                  dependencies:
                    - name: Users.Table
                      status: succeeded
            - name: load_stage
              parallel: true
              dependencies:
                - name: Extract
              jobs:
                - name: Merge
                  image: busybox:1.36
                  args: [echo, merged]
                - name: merge
                  image: busybox:1.36
                  args: [echo, merged again]
        """;

    /// <summary>A Workflow-form document with the given groups YAML (indented under <c>groups:</c>).</summary>
    public static string Workflow(string groups, string name = "wf", string extraSpec = "") => $"""
        apiVersion: overseer.dev/v1
        kind: Workflow
        metadata:
          name: {name}
        spec:
        {extraSpec}
          groups:
        {groups}
        """;
}
