using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class AccountsAdministered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "left_on",
                schema: "lsi",
                table: "organisations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                schema: "lsi",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "invited_at",
                schema: "lsi",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_sign_in_at",
                schema: "lsi",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "account_sessions",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_because = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    client = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_sessions_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "lsi",
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_sessions_user_id_ended_at",
                schema: "lsi",
                table: "account_sessions",
                columns: new[] { "user_id", "ended_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_sessions",
                schema: "lsi");

            migrationBuilder.DropColumn(
                name: "left_on",
                schema: "lsi",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                schema: "lsi",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "invited_at",
                schema: "lsi",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "last_sign_in_at",
                schema: "lsi",
                table: "AspNetUsers");
        }
    }
}
