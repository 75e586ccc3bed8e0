using System.Text;
using Overseer.Api.Workflows.Compile;
using Overseer.Api.Workflows.Parsing;

namespace Overseer.Api.Tests.Workflows;

public sealed class DependencyResolverTests
{
    private static (WorkflowPlan? Plan, IDictionary<string, string[]> Errors) Compile(string yaml)
    {
        var (plan, errors) = WorkflowCompiler.Compile(WorkflowReader.Read(Encoding.UTF8.GetBytes(yaml), "application/yaml"));
        return (plan, errors.ToDictionary());
    }

    private static string Managed(string groups) => $"""
        apiVersion: jobsmanager.raczylo.com/v1beta1
        kind: ManagedJob
        metadata: {"{"}name: mj{"}"}
        spec:
          retries: 0
          groups:
        {groups}
        """;

    [Fact]
    public void A_job_dependency_names_a_sibling_a_generated_job_name_or_a_group()
    {
        var (plan, errors) = Compile(Managed("""
                - name: a
                  parallel: true
                  jobs:
                    - {name: one, image: busybox, args: ["true"], parallel: true}
                    - {name: two, image: busybox, args: ["true"], parallel: true}
                - name: b
                  parallel: true
                  jobs:
                    - {name: x, image: busybox, args: ["true"], parallel: true, dependencies: [{name: mj-a-two, status: pending}]}
                    - {name: y, image: busybox, args: ["true"], parallel: true, dependencies: [{name: x, status: succeeded}, {name: a}]}
            """));

        Assert.Empty(errors);
        Assert.Equal(["a/two"], plan!.Jobs.Single(j => j.Name == "x").DependsOn);
        Assert.Equal(["b/x", "a/one", "a/two"], plan.Jobs.Single(j => j.Name == "y").DependsOn);
    }

    [Fact]
    public void A_group_dependency_adds_an_edge_from_that_groups_gate()
    {
        var (plan, _) = Compile(Managed("""
                - {name: a, parallel: true, jobs: [{name: one, image: busybox, args: ["true"]}]}
                - {name: b, parallel: true, dependencies: [{name: a, status: succeeded}], jobs: [{name: two, image: busybox, args: ["true"]}]}
            """));

        Assert.Equal(["a"], plan!.Groups[1].DependsOn);
        Assert.Contains((plan.Groups[0].GateNode, plan.Groups[1].Jobs[0].Node), plan.Edges);
    }

    [Fact]
    public void Dependencies_that_form_a_cycle_are_refused_instead_of_deadlocking()
    {
        var (plan, errors) = Compile(Managed("""
                - {name: a, parallel: true, dependencies: [{name: b}], jobs: [{name: one, image: busybox, args: ["true"]}]}
                - {name: b, parallel: true, dependencies: [{name: a}], jobs: [{name: two, image: busybox, args: ["true"]}]}
            """));

        Assert.Null(plan);
        Assert.Equal(["dependency cycle: a → b → a"], errors["spec"]);
    }

    [Fact]
    public void Every_bad_dependency_is_named_under_its_path()
    {
        var (plan, errors) = Compile(Managed("""
                - name: a
                  dependencies: [{name: nowhere}, {name: a}]
                  jobs:
                    - {name: one, image: busybox, args: ["true"], dependencies: [{name: ghost}, {name: one}, {name: a}, {status: succeeded}]}
                    - {name: two, image: busybox, args: ["true"], dependencies: [{name: one, status: completed}]}
            """));

        Assert.Null(plan);
        Assert.Contains("not a group of this workflow", errors["spec.groups[0].dependencies[0]"][0]);
        Assert.Equal(["a group cannot depend on itself"], errors["spec.groups[0].dependencies[1]"]);
        Assert.Contains("'ghost' is not a job of group 'a'", errors["spec.groups[0].jobs[0].dependencies[0]"][0]);
        Assert.Equal(["a job cannot depend on itself"], errors["spec.groups[0].jobs[0].dependencies[1]"]);
        Assert.Equal(["a job cannot depend on its own group"], errors["spec.groups[0].jobs[0].dependencies[2]"]);
        Assert.Equal(["is required"], errors["spec.groups[0].jobs[0].dependencies[3].name"]);
        Assert.Contains("'completed' must be one of pending, running, succeeded, failed, aborted", errors["spec.groups[0].jobs[1].dependencies[0].status"][0]);
    }

    [Fact]
    public void The_workflow_form_accepts_dependencies_too()
    {
        var (plan, errors) = Compile(WorkflowSamples.Workflow("""
                - name: g
                  jobs:
                    - {name: a, command: ["true"], parallel: true}
                    - {name: b, command: ["true"], parallel: true, dependencies: [{name: a, status: succeeded}]}
            """));

        Assert.Empty(errors);
        Assert.Equal(["g/a"], plan!.Jobs.Single(j => j.Name == "b").DependsOn);
    }
}
