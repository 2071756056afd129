using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LsiWorkflow.Host.Migrations
{
    /// <inheritdoc />
    public partial class FeatureFolders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
