using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class OutboxRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "abandoned_at",
                schema: "lsi",
                table: "workflow_outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "abandoned_by",
                schema: "lsi",
                table: "workflow_outbox",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                schema: "lsi",
                table: "workflow_outbox",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "abandoned_at",
                schema: "lsi",
                table: "workflow_outbox");

            migrationBuilder.DropColumn(
                name: "abandoned_by",
                schema: "lsi",
                table: "workflow_outbox");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                schema: "lsi",
                table: "workflow_outbox");
        }
    }
}
