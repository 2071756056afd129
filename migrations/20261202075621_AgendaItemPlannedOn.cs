using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class AgendaItemPlannedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "planned_on",
                schema: "lsi",
                table: "agenda_items",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "planned_on",
                schema: "lsi",
                table: "agenda_items");
        }
    }
}
