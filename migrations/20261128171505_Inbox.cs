using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbox_absences",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    substitute_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_absences", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_calendar_tokens",
                schema: "lsi",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_calendar_tokens", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "inbox_notifications",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_saved_views",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    filter = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_saved_views", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_claimed_by_status_due_at",
                schema: "lsi",
                table: "workflow_tasks",
                columns: new[] { "claimed_by", "status", "due_at" },
                filter: "claimed_by is not null");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_completed_by_status_due_at",
                schema: "lsi",
                table: "workflow_tasks",
                columns: new[] { "completed_by", "status", "due_at" },
                filter: "completed_by is not null");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_role_only",
                schema: "lsi",
                table: "workflow_tasks",
                columns: new[] { "role", "status", "due_at" },
                filter: "organisation is null and assignee_user is null");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_absences_one_current",
                schema: "lsi",
                table: "inbox_absences",
                column: "user_name",
                unique: true,
                filter: "ended_at is null");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_calendar_tokens_token_hash",
                schema: "lsi",
                table: "inbox_calendar_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_notifications_message_id_user_name",
                schema: "lsi",
                table: "inbox_notifications",
                columns: new[] { "message_id", "user_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_notifications_unread",
                schema: "lsi",
                table: "inbox_notifications",
                column: "user_name",
                filter: "read_at is null");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_notifications_user_name_created_at",
                schema: "lsi",
                table: "inbox_notifications",
                columns: new[] { "user_name", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_saved_views_user_name_name",
                schema: "lsi",
                table: "inbox_saved_views",
                columns: new[] { "user_name", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_absences",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "inbox_calendar_tokens",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "inbox_notifications",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "inbox_saved_views",
                schema: "lsi");

            migrationBuilder.DropIndex(
                name: "ix_workflow_tasks_claimed_by_status_due_at",
                schema: "lsi",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "ix_workflow_tasks_completed_by_status_due_at",
                schema: "lsi",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "ix_workflow_tasks_role_only",
                schema: "lsi",
                table: "workflow_tasks");
        }
    }
}
