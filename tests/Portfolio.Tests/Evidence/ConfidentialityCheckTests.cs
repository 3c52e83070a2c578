using Portfolio.Evidence;

namespace Portfolio.Tests.Evidence;

public sealed class ConfidentialityCheckTests
{
    [Theory]
    [InlineData("Email me at sam.jones+cv@example.co.uk please", PersonalDataKind.EmailAddress, "sam.jones+cv@example.co.uk")]
    [InlineData("Mobile 07700 900123 after six", PersonalDataKind.PhoneNumber, "07700 900123")]
    [InlineData("Mobile 07700900123.", PersonalDataKind.PhoneNumber, "07700900123")]
    [InlineData("ring +44 7700 900123 today", PersonalDataKind.PhoneNumber, "+44 7700 900123")]
    [InlineData("office 0161 496 0000 ext", PersonalDataKind.PhoneNumber, "0161 496 0000")]
    [InlineData("London 020 7946 0000.", PersonalDataKind.PhoneNumber, "020 7946 0000")]
    [InlineData("call 0300 123 4567 now", PersonalDataKind.PhoneNumber, "0300 123 4567")]
    [InlineData("lives in Leeds, LS1 4AP.", PersonalDataKind.Postcode, "LS1 4AP")]
    [InlineData("postcode sw1a 1aa", PersonalDataKind.Postcode, "sw1a 1aa")]
    [InlineData("NI number QQ 12 34 56 C on file", PersonalDataKind.NationalInsuranceNumber, "QQ 12 34 56 C")]
    [InlineData("NINO AB123456D.", PersonalDataKind.NationalInsuranceNumber, "AB123456D")]
    [InlineData("DOB: 12/03/2008", PersonalDataKind.DateOfBirth, "12/03/2008")]
    [InlineData("Date of birth - 3rd March 2007", PersonalDataKind.DateOfBirth, "3rd March 2007")]
    [InlineData("She was born on 14 Feb 2006 in Hull", PersonalDataKind.DateOfBirth, "14 Feb 2006")]
    [InlineData("born in 2005", PersonalDataKind.DateOfBirth, "2005")]
    [InlineData("Client: Jordan Smith (Year 11)", PersonalDataKind.Name, "Jordan Smith")]
    [InlineData("Name: Aisha", PersonalDataKind.Name, "Aisha")]
    [InlineData("customer name - Lee O'Brien agreed", PersonalDataKind.Name, "Lee O'Brien")]
    [InlineData("I referred her to Mrs Patel at the college", PersonalDataKind.Name, "Mrs Patel")]
    [InlineData("She lives at 14 Albert Road with her aunt", PersonalDataKind.StreetAddress, "14 Albert Road")]
    [InlineData("moved to Flat 3, 27 Mill Lane last month", PersonalDataKind.StreetAddress, "Flat 3, 27 Mill Lane")]
    [InlineData("the family is at 102B Queen's Park Avenue now", PersonalDataKind.StreetAddress, "102B Queen's Park Avenue")]
    [InlineData("NI no. JG 10 37 52 A was on the form", PersonalDataKind.NationalInsuranceNumber, "JG 10 37 52 A")]
    [InlineData("d.o.b. 07.11.2008, lives with her mum", PersonalDataKind.DateOfBirth, "07.11.2008")]
    [InlineData("Her postcode is BS8 1TH", PersonalDataKind.Postcode, "BS8 1TH")]
    public void Personal_data_is_found_with_its_position(string text, PersonalDataKind kind, string expected)
    {
        PersonalDataFinding finding = Assert.Single(ConfidentialityCheck.Find(text));

        Assert.Equal(kind, finding.Kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal(expected, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("Step 1: Client to send 3 applications by 15/05/2026.")]
    [InlineData("Review on 12 June 2026; next steps agreed by 01/07/2026.")]
    [InlineData("Client: agreed the plan and will attend the open day on 3rd March 2026.")]
    [InlineData("Client: The plan was agreed with him.")]
    [InlineData("Apply for 2 jobs a week for 12 weeks, 10 hours of volunteering.")]
    [InlineData("The course costs £1200 and starts in September 2026.")]
    [InlineData("We used the GROW model in session 2 of 4.")]
    [InlineData("Reference number 123456 sent to the college")]
    [InlineData("This shows 1.1.2 and 1.3.4 of unit 1, element 2.1.")]
    [InlineData("Sessions on 4/11/2026, 18/11/2026 and 2 December 2026.")]
    [InlineData("The bursary is £1,250.50 a term and travel costs $30.")]
    [InlineData("We met at the careers office on Monday 9 November at 10.30.")]
    [InlineData("Send 3 applications a week for the next 6 weeks, review in 2 weeks.")]
    [InlineData("The role pays 12.21 an hour for 16 hours a week.")]
    [InlineData("")]
    public void Ordinary_action_plan_text_has_no_findings(string text) => Assert.Empty(ConfidentialityCheck.Find(text));

    [Fact]
    public void Several_findings_come_back_in_order()
    {
        const string text = "Client: Sam Lee, DOB 01/02/2007, email sam@example.com, tel 07700 900456, postcode M1 1AE.";

        IReadOnlyList<PersonalDataFinding> findings = ConfidentialityCheck.Find(text);

        Assert.Equal(
            [PersonalDataKind.Name, PersonalDataKind.DateOfBirth, PersonalDataKind.EmailAddress, PersonalDataKind.PhoneNumber, PersonalDataKind.Postcode],
            findings.Select(f => f.Kind));
        Assert.True(findings.Zip(findings.Skip(1)).All(p => p.First.End <= p.Second.Start));
    }

    [Fact]
    public void The_client_named_in_the_plan_is_found_again_where_the_text_names_them_alone()
    {
        const string text = "Client: Jordan Whitfield\nJordan wants to work outdoors. Whitfield is also her mum's name. jordan.";

        var names = ConfidentialityCheck.Find(text).Where(f => f.Kind == PersonalDataKind.Name).Select(f => f.Text).ToList();

        Assert.Equal(["Jordan Whitfield", "Jordan", "Whitfield"], names);
    }

    [Fact]
    public void A_word_shared_with_no_labelled_client_is_not_taken_for_a_name()
    {
        const string text = "Client: The young person wants to work in retail. The plan is hers.";

        Assert.Empty(ConfidentialityCheck.Find(text));
    }
}
