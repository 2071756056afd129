using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class CovenantSpelling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The shipped evaluation workflow is called covenant-evaluation, as the covenant is everywhere else in ids and
            // code; definitions, instances, tasks and recurring starts stored under the old id follow it.
            migrationBuilder.Sql(Rename("convenant-evaluation", "covenant-evaluation"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Rename("covenant-evaluation", "convenant-evaluation"));
        }

        private static string Rename(string from, string to) => $$"""
            update lsi.workflow_definitions set definition_id = '{{to}}', json = jsonb_set(json, '{id}', to_jsonb('{{to}}'::text))
            where definition_id = '{{from}}';
            update lsi.workflow_instances set definition_id = '{{to}}', state = jsonb_set(state, '{definitionId}', to_jsonb('{{to}}'::text))
            where definition_id = '{{from}}';
            update lsi.workflow_tasks set definition_id = '{{to}}' where definition_id = '{{from}}';
            update lsi.workflow_timers set start_definition_id = '{{to}}' where start_definition_id = '{{from}}';
            """;
    }
}
