using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class InboxReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "digest_pending",
                schema: "lsi",
                table: "inbox_notifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "inbox_date_reminders",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    for_date = table.Column<DateOnly>(type: "date", nullable: false),
                    days_before = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_date_reminders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_notification_settings",
                schema: "lsi",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    language = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    daily_digest = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_notification_settings", x => x.user_name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_notifications_digest_pending",
                schema: "lsi",
                table: "inbox_notifications",
                columns: new[] { "user_name", "created_at" },
                filter: "digest_pending");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_date_reminders_pending_due",
                schema: "lsi",
                table: "inbox_date_reminders",
                column: "due_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_date_reminders_subject_id_for_date_days_before",
                schema: "lsi",
                table: "inbox_date_reminders",
                columns: new[] { "subject_id", "for_date", "days_before" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_date_reminders",
                schema: "lsi");

            migrationBuilder.DropTable(
                name: "inbox_notification_settings",
                schema: "lsi");

            migrationBuilder.DropIndex(
                name: "ix_inbox_notifications_digest_pending",
                schema: "lsi",
                table: "inbox_notifications");

            migrationBuilder.DropColumn(
                name: "digest_pending",
                schema: "lsi",
                table: "inbox_notifications");
        }
    }
}
