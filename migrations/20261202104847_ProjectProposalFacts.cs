using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class ProjectProposalFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "description",
                schema: "lsi",
                table: "projects",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "planned_start_on",
                schema: "lsi",
                table: "projects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "started_before_registration",
                schema: "lsi",
                table: "projects",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "description",
                schema: "lsi",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "planned_start_on",
                schema: "lsi",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "started_before_registration",
                schema: "lsi",
                table: "projects");
        }
    }
}
