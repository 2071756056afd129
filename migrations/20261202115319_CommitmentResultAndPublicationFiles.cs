using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class CommitmentResultAndPublicationFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_type",
                schema: "lsi",
                table: "publications",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "file_name",
                schema: "lsi",
                table: "publications",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "file_size",
                schema: "lsi",
                table: "publications",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "information_category",
                schema: "lsi",
                table: "publications",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "document_reference",
                schema: "lsi",
                table: "commitments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "result",
                schema: "lsi",
                table: "commitments",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "publication_files",
                schema: "lsi",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_publication_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_publication_files_publications_id",
                        column: x => x.id,
                        principalSchema: "lsi",
                        principalTable: "publications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "publication_files",
                schema: "lsi");

            migrationBuilder.DropColumn(
                name: "content_type",
                schema: "lsi",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "file_name",
                schema: "lsi",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "file_size",
                schema: "lsi",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "information_category",
                schema: "lsi",
                table: "publications");

            migrationBuilder.DropColumn(
                name: "document_reference",
                schema: "lsi",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "result",
                schema: "lsi",
                table: "commitments");
        }
    }
}
